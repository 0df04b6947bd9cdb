"""The ``signers`` and ``first-citations`` questions read what the build keeps: the same rows as the aggregation over
every signature it replaced, after a clean and an incremental build, on both stores."""

from __future__ import annotations

from pathlib import Path

from graphbuild.build import build
from graphbuild.querylib import run_query, sort_rows
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate
from graphbuild.testing.crash import change_corpus

LIVE = """
MATCH (p:Person)-[s:SIGNED]->(d:Document)
WHERE $province IS NULL OR d.province = $province
WITH p, s, d ORDER BY coalesce(d.date, d.meeting_date), coalesce(d.label, d.uid)
RETURN p.name AS signer, s.role AS role, s.capacity AS capacity, d.province AS province, count(d) AS documents,
       collect(coalesce(d.label, d.uid)) AS signed
"""


def _live(store: GraphStore, province: str | None) -> list[dict]:
    return sort_rows(store.read(LIVE, {"province": province}), ("province", "signer", "role", "capacity"))


def test_signers_from_the_kept_groups_equal_the_live_aggregation(store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(160, tmp_path / "corpus", seed=9)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "home")
    for province in (None, "Bắc Giang", "Cà Mau"):
        kept = run_query(store, "signers", {"province": province} if province else {})
        assert kept == _live(store, province)
    assert len(run_query(store, "signers", {})) > 50
    change_corpus(corpus)
    build(store, [corpus], home=tmp_path / "home", prune=True)
    assert run_query(store, "signers", {}) == _live(store, None)


FIRSTS_LIVE = """
MATCH (d:Document {level: $level})<-[:CITES]-(n:Document {status: 'corpus'})-[:IN_PROVINCE]->(q:Province)
WHERE n.day IS NOT NULL AND d.day IS NOT NULL
  AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
WITH d, q.name AS province, min(n.day) AS first_day
RETURN coalesce(d.label, d.canonical, d.uid) AS document, d.uid AS document_uid, d.canonical AS symbol, d.day AS document_day, province, first_day,
       first_day - d.day AS lag_days
"""


def test_first_citations_from_what_the_build_keeps_equal_the_live_aggregation(store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(160, tmp_path / "corpus", seed=9)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "home")
    sort = ("document_uid", "first_day", "province")

    def same(params: dict) -> None:
        kept = run_query(store, "first-citations", params)
        live = sort_rows(store.read(FIRSTS_LIVE, {"level": "central", "from": None, "to": None} | params), sort)
        assert kept == live and kept, params

    for params in ({}, {"level": "provincial"}, {"from": "2021-06-01", "to": "2021-12-31"}):
        same(params)
    change_corpus(corpus)
    build(store, [corpus], home=tmp_path / "home", prune=True)
    same({})


WARNINGS_LIVE = """
MATCH (d:Document {status: 'corpus'})
WHERE size(d.warnings) > 0 AND ($province IS NULL OR d.province = $province)
UNWIND d.warnings AS warning
RETURN d.source AS file, coalesce(d.label, d.uid) AS document, d.province AS province, warning
"""


def _most_cited_scanned(store: GraphStore, limit: int) -> list[dict]:
    """The most-cited question's rows by sorting every cited document (its branch for more than
    the ranked documents), cut to ``limit``."""
    return run_query(store, "most-cited", {"limit": 5000})[:limit]


def test_most_cited_from_the_kept_ranks_and_warnings_from_the_kept_count_equal_a_full_scan(store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(160, tmp_path / "corpus", seed=9)
    (corpus / "truth.jsonl").unlink()
    home = tmp_path / "home"
    build(store, [corpus], home=home)

    def same() -> None:
        for limit in (5, 20, 60):
            ranked = run_query(store, "most-cited", {"limit": limit})
            assert ranked == _most_cited_scanned(store, limit) and len(ranked) == limit
        for level in ("central", "provincial"):
            by_level = run_query(store, "most-cited", {"level": level, "limit": 20})
            assert by_level == [r for r in _most_cited_scanned(store, 5000) if r["level"] == level][:20] and by_level
        for province in (None, "Bắc Giang"):
            kept = run_query(store, "warnings", {"province": province} if province else {})
            live = sort_rows(store.read(WARNINGS_LIVE, {"province": province}), ("file", "warning"))
            assert kept == live
        assert run_query(store, "warnings", {})

    same()
    ranks = store.read("MATCH (d:Document) WHERE d.cited_rank > 0 RETURN d.cited_rank AS rank ORDER BY rank")
    assert [r["rank"] for r in ranks] == list(range(1, len(ranks) + 1)) and len(ranks) > 60
    change_corpus(corpus)
    build(store, [corpus], home=home, prune=True)
    same()
