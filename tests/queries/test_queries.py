"""The query library on real stores: right on the seeds, right against the generator's truth."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.api import Lexgraph
from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.errors import EmptyGraph, ParameterError, QueryError, UnknownQuery, WriteRefused
from graphbuild.querylib import library, library_folder, parse_query, run_query
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate
from tests.conftest import ROOT, SEEDS, dump


@pytest.fixture
def seeded(store: GraphStore, tmp_path: Path) -> GraphStore:
    build(store, [SEEDS], home=tmp_path / "home")
    return store


def q(store: GraphStore, name: str, **params: object) -> list[dict]:
    return run_query(store, name, params)


def test_citing_notices_accepts_any_spelling(seeded: GraphStore) -> None:
    for spelling in ("16-CT/TTg", "16/CT-TTg", "16/ct-TTG".replace("ct", "CT")):
        (row,) = q(seeded, "citing-notices", symbol=spelling)
        assert (row["province"], row["issuer"], row["date"], row["cited_date"], row["lag_days"]) == (
            "Cà Mau", "Văn phòng Tỉnh ủy", "2021-09-01", "2020-03-31", 519,
        )
        assert "Chỉ thị số 16-CT/TTg" in row["sentence"]
    rows = q(seeded, "citing-notices", symbol="128/NQ-CP")
    assert [(r["province"], r["lag_days"], r["relation"]) for r in rows] == [("Bắc Giang", 23, "implements"), ("Đồng Tháp", 24, "implements")]


def test_adoption_lag_lists_every_province(seeded: GraphStore) -> None:
    rows = q(seeded, "adoption-lag", symbol="128/NQ-CP")
    assert len(rows) == 63
    assert [(r["province"], r["lag_days"], r["notices"]) for r in rows[:2]] == [("Bắc Giang", 23, 1), ("Đồng Tháp", 24, 1)]
    never = [r["province"] for r in rows[2:]]
    assert all(r["first_notice"] is None and r["notices"] == 0 for r in rows[2:])
    assert never[:3] == ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu"]  # Vietnamese order, not byte order
    assert never.index("Đà Nẵng") < never.index("Yên Bái")


def test_policy_flow(seeded: GraphStore) -> None:
    rows = q(seeded, "policy-flow", symbol="128/NQ-CP", depth=2)
    assert [(r["depth"], r["chain"][0], r["province"]) for r in rows] == [(1, "128/NQ-CP", "Bắc Giang"), (1, "128/NQ-CP", "Đồng Tháp")]


def test_province_profile(seeded: GraphStore) -> None:
    rows = q(seeded, "province-profile", province="Bac Giang")  # spelling without diacritics is understood
    assert rows == [
        {"month": "2021-11", "level": "central", "type": "Nghị quyết", "citations": 1, "documents": 1, "notices": 1},
        {"month": "2021-11", "level": "provincial", "type": "Kế hoạch", "citations": 1, "documents": 1, "notices": 1},
    ]


def test_most_cited(seeded: GraphStore) -> None:
    rows = q(seeded, "most-cited", level="central", limit=3)
    assert [(r["document"], r["notices"], r["provinces"], r["mentions"]) for r in rows] == [
        ("128/NQ-CP", 2, 2, 3), ("10-TB/VPTW", 1, 1, 1), ("16/CT-TTg", 1, 1, 1),
    ]
    assert [r["document"] for r in q(seeded, "most-cited", type="NQ")] == ["128/NQ-CP", "68/NQ-CP"]
    assert q(seeded, "most-cited", **{"from": "2021-11-04"})[0]["notices"] == 1


def test_co_citation(seeded: GraphStore) -> None:
    rows = q(seeded, "co-citation")
    pairs = {(r["first"], r["second"]) for r in rows}
    assert ("128/NQ-CP", "4800/QĐ-BYT") in pairs and ("10-TB/VPTW", "226/TB-VPCP") in pairs
    assert len(rows) == 3 + 1 + 1 + 1 + 1  # 000 cites three documents (three pairs); the others two each
    live = q(seeded, "co-citation", limit=5000)  # above what the build keeps: counted live
    assert [(r["first"], r["second"], r["notices"]) for r in live] == [(r["first"], r["second"], r["notices"]) for r in rows]
    anchored = q(seeded, "co-citation", symbol="128/NQ-CP")
    assert sorted((r["first"], r["second"], r["notices"]) for r in anchored) == [
        ("128/NQ-CP", "357-CV/TU", 1), ("128/NQ-CP", "4800/QĐ-BYT", 1), ("128/NQ-CP", "5548/KH-UBND", 1),
    ]


def test_issuers_and_signers(seeded: GraphStore) -> None:
    central = {r["issuer"]: r["documents"] for r in q(seeded, "issuers", level="central")}
    assert central["Chính phủ"] == 2 and central["Bộ Y tế"] == 1
    (bien,) = [r for r in q(seeded, "issuers", province="Điện Biên") if r["issuer"] == "Ban Thường vụ Tỉnh ủy"]
    assert bien["in_corpus"] == 1 and "274-TB/TU" in bien["documents_issued"]
    signers = q(seeded, "signers", province="Bình Định")
    assert [(r["signer"], r["role"], r["signed"]) for r in signers] == [
        ("Hồ Quốc Dũng", "Bí thư", ["Công văn · Bình Định"]), ("Nguyễn Cảnh Miên", "Chánh Văn phòng", ["43-BS/ĐUK"]),
    ]


def test_timeline(seeded: GraphStore) -> None:
    months = q(seeded, "timeline")
    assert [(r["period"], r["province"], r["notices"]) for r in months] == [
        ("2021-08", "Điện Biên", 1), ("2021-09", "Bình Định", 1), ("2021-09", "Cà Mau", 1),
        ("2021-11", "Bắc Giang", 1), ("2021-11", "Đồng Tháp", 1),
    ]
    assert q(seeded, "timeline", period="week", province="Cà Mau") == [{"period": "2021-W35", "province": "Cà Mau", "notices": 1}]


def test_unresolved_and_conflicts(seeded: GraphStore) -> None:
    unresolved = {r["document"] for r in q(seeded, "unresolved")}
    assert {"105-TB/TU", "357-CV/TU", "5548/KH-UBND"} <= unresolved
    assert "128/NQ-CP" not in unresolved  # in the reference table
    (conflict,) = q(seeded, "conflicts")
    assert (conflict["province"], conflict["document"], conflict["issuer_written"], conflict["resolved_issuer"]) == (
        "Cà Mau", "68/NQ-CP", "Thủ tướng Chính phủ", "Chính phủ",
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(400, tmp_path_factory.mktemp("synthetic") / "corpus", seed=7)


@pytest.fixture
def synthetic_graph(store: GraphStore, synthetic: Path, tmp_path: Path) -> Iterator[tuple[GraphStore, list[dict]]]:
    build(store, [synthetic], home=tmp_path / "home")
    truth = [json.loads(line) for line in (synthetic / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    yield store, truth


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days


def test_adoption_lag_matches_the_generators_truth(synthetic_graph: tuple[GraphStore, list[dict]]) -> None:
    store, truth = synthetic_graph
    for symbol in ("128/NQ-CP", "16/CT-TTg", "10-TB/VPTW"):
        expected: dict[str, int] = {}
        for notice in truth:
            for cited in notice["citations"]:
                if cited["canonical"] == symbol:
                    lag = _days(notice["date"], cited["date"])
                    expected[notice["province"]] = min(lag, expected.get(notice["province"], lag))
        rows = q(store, "adoption-lag", symbol=symbol)
        assert {r["province"]: r["lag_days"] for r in rows if r["lag_days"] is not None} == expected
        assert len(rows) == 63


def test_most_cited_and_citing_notices_match_the_truth(synthetic_graph: tuple[GraphStore, list[dict]]) -> None:
    store, truth = synthetic_graph
    notices: dict[str, set[str]] = defaultdict(set)
    for notice in truth:
        for cited in notice["citations"]:
            if cited["level"] == "central":
                notices[cited["canonical"]].add(notice["file"])
    named: dict[str, set[str]] = defaultdict(set)  # laws and appeals cited by name: one of each kind
    for notice in truth:
        for cited in notice["named"]:
            named[cited["type"]].add(notice["file"])
    rows = q(store, "most-cited", level="central", limit=100)
    assert {r["document"]: r["notices"] for r in rows if r["type"] not in named} == {k: len(v) for k, v in notices.items()}
    assert {r["type"]: r["notices"] for r in rows if r["type"] in named} == {k: len(v) for k, v in named.items()}
    assert len(q(store, "citing-notices", symbol="128/NQ-CP")) == len(notices["128/NQ-CP"])


def test_timeline_matches_the_truth(synthetic_graph: tuple[GraphStore, list[dict]]) -> None:
    store, truth = synthetic_graph
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for notice in truth:
        expected[(notice["date"][:7], notice["province"])] += 1
    assert {(r["period"], r["province"]): r["notices"] for r in q(store, "timeline")} == dict(expected)


# -- the library itself ----------------------------------------------------------------------


def test_every_query_has_a_complete_header() -> None:
    queries = library()
    assert len(queries) >= 11
    for query in queries.values():
        assert query.answers.endswith(".") and len(query.columns) >= 2
        for parameter in query.parameters:
            assert parameter.example and parameter.description


def test_a_query_without_a_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "nameless.cypher"
    bad.write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no '// name:' line"):
        parse_query(bad)
    undeclared = tmp_path / "undeclared.cypher"
    undeclared.write_text("// name: undeclared\n// answers: x.\n// columns: a, b\nMATCH (n) WHERE n.x = $x RETURN n\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"uses \$x"):
        parse_query(undeclared)


def test_every_query_is_listed_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", readme, re.MULTILINE))
    assert set(library()) <= listed, f"missing from README: {set(library()) - listed}"
    assert {p.stem for p in library_folder().glob("*.cypher")} == set(library())


def test_parameters_are_checked() -> None:
    with pytest.raises(UnknownQuery, match="Did you mean citing-notices"):
        run_query(None, "citing-notice")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="needs --param symbol"):
        run_query(None, "citing-notices")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="whole number"):
        run_query(None, "most-cited", {"limit": "ten"})  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="63 provinces"):
        run_query(None, "province-profile", {"province": "Atlantis"})  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="no parameter colour"):
        run_query(None, "timeline", {"colour": "red"})  # type: ignore[arg-type]


def test_empty_graph_says_to_build_first(store: GraphStore) -> None:
    with pytest.raises(EmptyGraph, match="lexgraph build"):
        run_query(store, "unresolved")


LOAD_CSV_SPELLINGS = [
    "LOAD CSV FROM 'https://example.invalid/x.csv' AS row RETURN row",
    "load csv from 'file:///etc/hostname' as row return row",
    "LOAD /* x */ CSV WITH HEADERS FROM 'file:///f.csv' AS row RETURN row",
    "LOAD // x\nCSV FROM 'file:///f.csv' AS row RETURN row",
    "LOAD\n\tCSV\nFROM 'file:///f.csv' AS row RETURN row",
    "LOAD\u00a0CSV FROM 'file:///f.csv' AS row RETURN row",  # no-break space
    "LOAD\u2003CSV FROM 'file:///f.csv' AS row RETURN row",  # em space
    "Load Csv From 'file:///f.csv' As row Return row",
    "MATCH (d:Document) WITH d LIMIT 1 LOAD CSV FROM 'file:///f.csv' AS row RETURN row",
    "WITH 1 AS x CALL { LOAD CSV FROM 'file:///f.csv' AS row RETURN row } RETURN row",
    "UNWIND [1] AS x WITH x /* LOAD CSV */ LOAD/**/CSV FROM 'file:///f.csv' AS row RETURN row",
]


@pytest.mark.parametrize("cypher", LOAD_CSV_SPELLINGS)
def test_load_csv_needs_write_on_every_store(seeded: GraphStore, cypher: str) -> None:
    # LOAD CSV reads files and opens connections even in a read-only query: refused in every
    # spelling the store accepts (what it cannot parse is an error of its own, never run)
    with pytest.raises(QueryError) as refused:
        Lexgraph(seeded).cypher(cypher)
    if isinstance(refused.value, WriteRefused):
        assert "LOAD CSV" in str(refused.value)
    else:
        assert "rejected" in str(refused.value)  # a spelling the store's parser refuses


def test_a_comment_naming_load_csv_is_not_a_refusal(seeded: GraphStore) -> None:
    assert Lexgraph(seeded).cypher("MATCH (d:Document) /* LOAD CSV */ RETURN count(d) AS n // LOAD CSV")[0]["n"] > 0


def test_adhoc_writes_are_refused_by_the_store_and_values_are_data(seeded: GraphStore) -> None:
    graph = Lexgraph(seeded)
    before = dump(seeded)
    with pytest.raises(WriteRefused):
        graph.cypher("MATCH (d:Document) DETACH DELETE d")
    hostile = "') DETACH DELETE n //"
    assert graph.cypher("MATCH (d:Document) WHERE d.canonical = $s RETURN d.uid AS uid", s=hostile) == []
    assert q(seeded, "conflicts", province=None) and dump(seeded) == before
    with pytest.raises(ParameterError):
        q(seeded, "citing-notices", symbol=hostile)  # not a symbol: refused before it reaches the store
    graph.cypher("MATCH (d:Document {canonical: $s}) SET d.note = $note", write=True, s="128/NQ-CP", note=hostile)
    assert graph.cypher("MATCH (d:Document {canonical: '128/NQ-CP'}) RETURN d.note AS note") == [{"note": hostile}]


def test_unbounded_patterns_time_out(seeded: GraphStore) -> None:
    from graphbuild.errors import QueryError

    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n"
    with pytest.raises(QueryError, match=r"ran out of time|rejected"):
        Lexgraph(seeded).cypher(slow, timeout_ms=50)


# -- the command line ------------------------------------------------------------------------


def invoke(home: Path, *args: str) -> object:
    return CliRunner().invoke(main, [*args, "--home", str(home)])


def test_cli_query_list_and_outputs(embedded_store: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    build(embedded_store, [SEEDS], home=tmp_path / "lock")
    listing = invoke(embedded_home, "query", "--list", "--format", "json")
    assert listing.exit_code == 0 and {r["name"] for r in json.loads(listing.output)} == set(library())
    out = tmp_path / "lag.csv"
    result = invoke(embedded_home, "query", "adoption-lag", "--param", "symbol=128/NQ-CP", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Bắc Giang".encode() in data
    assert data.decode("utf-8-sig").splitlines()[0] == "province,region,first_notice,first_notice_uid,first_date,lag_days,notices,reviewed"
    table = invoke(embedded_home, "query", "citing-notices", "--param", "symbol=16-CT/TTg")
    assert table.exit_code == 0 and "Cà Mau" in table.output
    typo = invoke(embedded_home, "query", "adoption-lags", "--param", "symbol=128/NQ-CP")
    assert typo.exit_code == 1 and "Did you mean adoption-lag" in typo.output
    missing = invoke(embedded_home, "query", "adoption-lag")
    assert missing.exit_code == 1 and "needs --param symbol" in missing.output


def test_cli_cypher_is_read_only_unless_write(embedded_store: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    build(embedded_store, [SEEDS], home=tmp_path / "lock")
    before = dump(embedded_store)
    refused = invoke(embedded_home, "cypher", "MATCH (n) DETACH DELETE n")
    assert refused.exit_code == 1 and "--write" in refused.output
    assert dump(embedded_store) == before
    bad = invoke(embedded_home, "cypher", "MATCH (n RETURN n")
    assert bad.exit_code == 1 and "column" in bad.output  # the store says where
    counted = invoke(embedded_home, "cypher", "MATCH (d:Document {status: $s}) RETURN count(d) AS n", "--param", "s=corpus", "--format", "json")
    assert counted.exit_code == 0 and json.loads(counted.output) == [{"n": 6}]
    written = invoke(embedded_home, "cypher", "CREATE (:Note {text: $t})", "--param", "t=<script>", "--write")
    assert written.exit_code == 0
    assert embedded_store.read("MATCH (n:Note) RETURN n.text AS t") == [{"t": "<script>"}]
