"""The graph in a real store: the seeds' exact shape, identity, idempotency, incremental builds."""

from __future__ import annotations

from pathlib import Path

from graphbuild.build import build
from graphbuild.stores.base import GraphStore
from tests.conftest import dump

SEED_NODES = {"Document": 16, "Organization": 54, "Province": 63, "MergedProvince": 34, "Person": 9, "Source": 5, "Summary": 7, "BuildState": 2}  # BuildState: the graph's version (migrations.py) and the build journal, closed
SEED_RELATIONSHIPS = {
    "CITES": 11, "COPY_OF": 1, "ISSUED_BY": 16, "SIGNED": 6, "MENTIONS": 9, "SENT_TO": 36,
    "IN_PROVINCE": 57, "PART_OF": 5, "MERGED_INTO": 63,
}


def counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {r["label"]: r["n"] for r in store.read("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n")}
    rels = {r["type"]: r["n"] for r in store.read("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")}
    return nodes, rels


def notice(symbol: str, place: str, body: str) -> str:
    return f"Số {symbol}\n\n{place}, ngày 10 tháng 10 năm 2021\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy\n\n{body}\n"


def corpus_of(folder: Path, *notices: tuple[str, str, str]) -> Path:
    """A folder of notices a.txt, b.txt, … each made by :func:`notice` from (symbol, place, body)."""
    folder.mkdir()
    for name, (symbol, place, body) in zip("abcdefgh", notices):
        (folder / f"{name}.txt").write_text(notice(symbol, place, body), encoding="utf-8")
    return folder


def test_seed_graph_has_the_expected_shape(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    report = build(store, [seeds], home=tmp_path / "home")
    assert (report.files, report.loaded, report.documents, report.citations, report.errors) == (5, 5, 6, 11, [])
    nodes, rels = counts(store)
    assert nodes == SEED_NODES
    assert rels == SEED_RELATIONSHIPS
    status = {r["status"]: r["n"] for r in store.read("MATCH (d:Document) RETURN d.status AS status, count(d) AS n")}
    assert status == {"corpus": 6, "cited": 10}


def test_seed_facts(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    build(store, [seeds], home=tmp_path / "home")
    citing = store.read(
        "MATCH (n:Document)-[:CITES]->(d:Document {canonical: '128/NQ-CP'}) MATCH (n)-[:IN_PROVINCE]->(p:Province) RETURN p.name AS province"
    )
    assert sorted(r["province"] for r in citing) == ["Bắc Giang", "Đồng Tháp"]
    (own,) = store.read("MATCH (d:Document {symbol: '274-TB/TU'})-[:IN_PROVINCE]->(p:Province) RETURN p.name AS province, d.status AS status")
    assert own == {"province": "Điện Biên", "status": "corpus"}
    (copy,) = store.read("MATCH (c:Document)-[:COPY_OF]->(o:Document) RETURN c.symbol AS copy, o.type AS original, o.province AS province")
    assert copy == {"copy": "43-BS/ĐUK", "original": "Công văn", "province": "Bình Định"}
    (directive,) = store.read("MATCH (d:Document {canonical: '16/CT-TTg'}) RETURN d.uid AS uid, d.date AS date, d.in_reference AS ref")
    assert directive == {"uid": "16/CT-TTg@2020", "date": "2020-03-31", "ref": True}
    (conflict,) = store.read("MATCH (:Document)-[c:CITES]->(d:Document) WHERE c.issuer_conflict RETURN d.canonical AS doc, c.issuer_written AS written")
    assert conflict == {"doc": "68/NQ-CP", "written": "Thủ tướng Chính phủ"}
    (signer,) = store.read("MATCH (p:Person)-[s:SIGNED]->(d:Document {symbol: '274-TB/TU'}) RETURN p.name AS name, s.role AS role, s.capacity AS capacity")
    assert signer == {"name": "Nguyễn Văn Thắng", "role": "Bí thư", "capacity": "T/M Ban Thường vụ"}
    (party,) = store.read("MATCH (:Document {symbol: '274-TB/TU'})-[:ISSUED_BY]->(o)-[:PART_OF]->(p) RETURN o.name AS body, p.name AS parent")
    assert party == {"body": "Ban Thường vụ Tỉnh ủy", "parent": "Tỉnh ủy"}
    (merged,) = store.read("MATCH (:Province {name: 'Bắc Giang'})-[:MERGED_INTO]->(m) RETURN m.name AS name")
    assert merged == {"name": "Bắc Ninh"}


def test_spellings_of_one_document_are_one_node(store: GraphStore, tmp_path: Path) -> None:
    folder = corpus_of(
        tmp_path / "corpus",
        ("10-TB/TU", "Cà Mau", "Thực hiện Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ."),
        ("11-TB/TU", "An Giang", "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020."),
        ("12-TB/TU", "Đồng Tháp", "Theo **Chỉ thị số 16/CT-TTG** ngày 31/3/2020 của Thủ tướng Chính phủ."),
    )
    build(store, [folder], home=tmp_path / "home")
    (row,) = store.read("MATCH (n:Document)-[:CITES]->(d:Document) WHERE d.number = 16 RETURN d.uid AS uid, count(n) AS citing")
    assert row == {"uid": "16/CT-TTg@2020", "citing": 3}


def test_a_law_cited_by_name_takes_the_reference_facts(store: GraphStore, tmp_path: Path) -> None:
    folder = corpus_of(
        tmp_path / "corpus",
        ("10-TB/TU", "Cà Mau", "Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007, Ban Thường vụ kết luận."),
        ("11-TB/TU", "An Giang", "Thực hiện Luật Phòng, chống bệnh truyền nhiễm, các cấp triển khai."),
    )
    build(store, [folder], home=tmp_path / "home")
    (row,) = store.read(
        "MATCH (n:Document)-[:CITES]->(d:Document {type: 'Luật'}) OPTIONAL MATCH (d)-[:ISSUED_BY]->(o:Organization) "
        "RETURN d.uid AS uid, d.date AS date, d.issuer AS issuer, d.date_basis AS basis, o.name AS body, count(n) AS citing"
    )
    assert row == {"uid": "03/2007/QH12@2007", "date": "2007-11-21", "issuer": "Quốc hội", "basis": "reference", "body": "Quốc hội", "citing": 2}


def test_the_same_local_symbol_in_two_provinces_is_two_documents(store: GraphStore, tmp_path: Path) -> None:
    folder = corpus_of(
        tmp_path / "corpus",
        ("274-TB/TU", "Điện Biên", "Nội dung."),
        ("274-TB/TU", "Cà Mau", "Nội dung."),
        ("300-TB/TU", "Cà Mau", "Thực hiện Thông báo số 274-TB/TU ngày 10/10/2021 của Ban Thường vụ Tỉnh ủy."),
    )
    build(store, [folder], home=tmp_path / "home")
    rows = store.read("MATCH (d:Document {canonical: '274-TB/TU'}) OPTIONAL MATCH (n)-[:CITES]->(d) RETURN d.province AS province, count(n) AS cited ORDER BY province")
    assert sorted((r["province"], r["cited"]) for r in rows) == [("Cà Mau", 1), ("Điện Biên", 0)]


def test_building_twice_gives_the_same_graph(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    build(store, [seeds], home=tmp_path / "home")
    first = dump(store)
    report = build(store, [seeds], home=tmp_path / "home")
    assert (report.loaded, report.unchanged) == (0, 5)
    assert dump(store) == first
    build(store, [seeds], home=tmp_path / "home", rebuild=True)
    assert dump(store) == first


def test_a_changed_file_replaces_its_facts(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    build(store, [seeds], home=tmp_path / "home")
    target = seeds / "003_dc7773df5417e2b0.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Nghị quyết số 68/NQ-CP, ngày 01/7/2021 của Thủ tướng Chính phủ", "Nghị quyết số 86/NQ-CP ngày 06/8/2021 của Chính phủ"), encoding="utf-8")
    report = build(store, [seeds], home=tmp_path / "home")
    assert (report.loaded, report.unchanged) == (1, 4)
    assert store.read("MATCH (d:Document {canonical: '68/NQ-CP'}) RETURN d.uid AS uid") == []  # no one cites it any more
    (row,) = store.read("MATCH (:Document)-[c:CITES]->(d:Document {canonical: '86/NQ-CP'}) RETURN d.date AS date, c.conflict AS conflict")
    assert row == {"date": "2021-08-06", "conflict": None}
    # the same graph as building the changed corpus from scratch
    incremental = dump(store)
    build(store, [seeds], home=tmp_path / "home", rebuild=True)
    assert dump(store) == incremental


def test_prune_removes_documents_whose_files_are_gone(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    build(store, [seeds], home=tmp_path / "home")
    (seeds / "002_86ceddd2e63fe96c.txt").unlink()
    build(store, [seeds], home=tmp_path / "home")
    assert store.read("MATCH (d:Document {symbol: '274-TB/TU'}) RETURN d.status AS status") == [{"status": "corpus"}]  # kept without --prune
    report = build(store, [seeds], home=tmp_path / "home", prune=True)
    assert report.pruned == 1
    assert store.read("MATCH (d:Document) WHERE d.symbol = '274-TB/TU' OR d.canonical = '105-TB/TU' RETURN d.uid AS uid") == []
    assert store.read("MATCH (p:Person {name: 'Nguyễn Văn Thắng'}) RETURN p.uid AS uid") == []
    pruned = dump(store)
    build(store, [seeds], home=tmp_path / "home", rebuild=True)
    assert dump(store) == pruned


def test_a_bad_file_among_good_ones_is_reported_and_earlier_facts_kept(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    build(store, [seeds], home=tmp_path / "home")
    before = dump(store)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "004_ac26aad33cb3255e.txt").write_bytes(b"\x00\x01\x02" * 500)  # a loaded notice turns unreadable
    report = build(store, [seeds], home=tmp_path / "home")
    assert sorted(Path(path).name for path, _ in report.errors) == ["004_ac26aad33cb3255e.txt", "empty.txt"]
    assert all(Path(path).name in message for path, message in report.errors)
    assert dump(store) == before  # nothing already loaded is lost
