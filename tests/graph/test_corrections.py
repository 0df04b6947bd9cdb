"""Corrections that last: an analyst's rows applied in clean, incremental and --rebuild builds on
both stores, the same graph whichever way it was built, and gone again when the rows go."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from graphbuild.build import build
from graphbuild.corrections import Correction, CorrectionError, append_correction, checked_value, read_corrections
from graphbuild.documents import DocumentNotFound, find_document
from graphbuild.querylib import run_query
from graphbuild.stores.base import GraphStore
from graphbuild.testing.crash import dump

UNDATED = "001_3065f9b87e21bb45.txt"  # a Công văn whose date the text does not give
DIEN_BIEN = "002_86ceddd2e63fe96c.txt"  # 274-TB/TU, citing 105-TB/TU


def _corrections(store: GraphStore, seeds: Path, path: Path) -> None:
    """A date for the undated notice, another province for 274-TB/TU, and one citation rejected."""
    undated = find_document(store, str(seeds / UNDATED))
    dien_bien = find_document(store, "274-TB/TU")
    append_correction(path, Correction(UNDATED, undated["content_hash"], "date", "2021-09-08", "ngày ở trang 2", "test", "2026-12-05T10:00:00"))
    append_correction(path, Correction(DIEN_BIEN, dien_bien["content_hash"], "province", "Lai Châu", "thử", "test", "2026-12-05T10:00:00"))
    append_correction(path, Correction(DIEN_BIEN, dien_bien["content_hash"], "citation", "-105-TB/TU", "không phải trích dẫn", "test", "2026-12-05T10:00:00"))


def test_corrections_apply_in_every_build_and_go_when_their_rows_go(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    home, rows = tmp_path / "home", tmp_path / "kept" / "corrections.csv"
    build(store, [seeds], home=home, corrections=rows)
    extracted = dump(store)
    _corrections(store, seeds, rows)

    report = build(store, [seeds], home=home, corrections=rows)  # only the corrections changed
    assert report.loaded == 2 and report.corrected == 3 and report.stale_corrections == []
    incremental = dump(store)
    undated = find_document(store, str(seeds / UNDATED))
    assert undated["date"] == "2021-09-08"
    assert store.read("MATCH (d:Document {uid: $uid}) RETURN d.date_basis AS b, d.date_confidence AS c", {"uid": undated["uid"]}) == [
        {"b": "reviewed: ngày ở trang 2", "c": "certain"}
    ]
    moved = find_document(store, "274-TB/TU")
    assert moved["province"] == "Lai Châu"
    assert store.read("MATCH (d:Document {uid: $uid})-[:IN_PROVINCE]->(p:Province) RETURN p.name AS p", {"uid": moved["uid"]}) == [{"p": "Lai Châu"}]
    assert store.read("MATCH (d:Document {uid: $uid})-[:CITES]->(t:Document {canonical: '105-TB/TU'}) RETURN t.uid", {"uid": moved["uid"]}) == []

    assert build(store, [seeds], home=home, corrections=rows).loaded == 0  # nothing changed: nothing reloaded
    assert dump(store) == incremental
    store.clear()
    build(store, [seeds], home=home, corrections=rows)
    assert dump(store) == incremental, "a clean build with the corrections equals the incremental one"
    build(store, [seeds], home=home, corrections=rows, rebuild=True)
    assert dump(store) == incremental

    rows.unlink()
    assert build(store, [seeds], home=home, corrections=rows).loaded == 2
    assert dump(store) == extracted, "without the rows, the extracted values come back"


def test_queries_and_exports_use_the_reviewed_values_and_say_so(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    home, rows = tmp_path / "home", tmp_path / "corrections.csv"
    build(store, [seeds], home=home, corrections=rows)
    _corrections(store, seeds, rows)
    build(store, [seeds], home=home, corrections=rows)
    lag = {r["province"]: r for r in run_query(store, "adoption-lag", {"symbol": "10-TB/VPTW"})}
    assert lag["Bình Định"]["first_date"] == "2021-09-08" and lag["Bình Định"]["reviewed"] is True
    assert all(r["reviewed"] is False for p, r in lag.items() if p != "Bình Định" and r["first_notice"])
    diffusion = run_query(store, "diffusion", {"symbol": "10-TB/VPTW"})
    assert any(r["reviewed"] for r in diffusion) and all(r["reviewed"] is not None for r in diffusion)


def test_a_stale_row_is_reported_never_an_error(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    home, rows = tmp_path / "home", tmp_path / "corrections.csv"
    build(store, [seeds], home=home, corrections=rows)
    _corrections(store, seeds, rows)
    append_correction(rows, Correction("gone.txt", "0" * 64, "date", "2021-01-01"))
    append_correction(rows, Correction("no-such-uid", "", "date", "2021-01-01"))
    path = seeds / UNDATED
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the file changes after its row was written
    report = build(store, [seeds], home=home, corrections=rows)
    assert not report.errors
    stale = "\n".join(report.stale_corrections)
    assert "gone.txt" in stale and "the file is gone" in stale
    assert "no-such-uid" in stale
    assert f"{UNDATED}: date" in stale and "changed since" in stale
    assert find_document(store, str(path))["date"] is None, "a row for another content of the file is not applied"
    assert find_document(store, "274-TB/TU")["province"] == "Lai Châu"


def test_a_correction_is_checked_before_it_is_written(tmp_path: Path) -> None:
    assert checked_value("date", "4/8/2021") == "2021-08-04"
    assert checked_value("province", "tỉnh Điện Biên") == "Điện Biên"
    assert checked_value("province", "dien bien") == "Điện Biên"
    for field, value in [("date", "2021-13-01"), ("province", "Atlantis"), ("citation", "68/NQ-CP"), ("colour", "red")]:
        with pytest.raises(CorrectionError):
            checked_value(field, value)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"bad\.csv"):
        read_corrections(bad)


def test_the_corrections_file_is_never_inside_the_folder_built(store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    with pytest.raises(CorrectionError, match="inside the folder being built"):
        build(store, [seeds], home=tmp_path / "home", corrections=seeds / "corrections.csv")


def test_a_symbol_several_documents_share_is_an_error_listing_them(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for province in ("Hà Giang", "Điện Biên"):
        (folder / f"{province}.txt").write_text(
            f"TỈNH ỦY {province.upper()}\n*\nSố 274-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n{province}, ngày 20 tháng 8 năm 2021\n\n"
            "THÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy\n\nBan Thường vụ Tỉnh ủy kết luận như sau.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn A\n",
            encoding="utf-8",
        )
    build(store, [folder], home=tmp_path / "home")
    with pytest.raises(DocumentNotFound) as raised:
        find_document(store, "274-TB/TU")
    message = str(raised.value)
    assert "2 documents" in message and message.count("274-TB/TU@") == 2
    assert find_document(store, str(folder / "Hà Giang.txt"))["province"] == "Hà Giang"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "jsonld", "csv", "cypher", "neo4j-import", "md"])
def test_every_export_carries_the_reviewed_basis(fmt: str, embedded_store: GraphStore, seeds: Path, tmp_path: Path) -> None:
    from graphbuild.api import Lexgraph
    from graphbuild.selection import Selection

    home, rows = tmp_path / "home", tmp_path / "corrections.csv"
    build(embedded_store, [seeds], home=home, corrections=rows)
    _corrections(embedded_store, seeds, rows)
    build(embedded_store, [seeds], home=home, corrections=rows)
    out = tmp_path / ("out" if fmt in ("csv", "neo4j-import") else f"out.{fmt}")
    if fmt in ("csv", "neo4j-import"):
        out.mkdir()
    Lexgraph(embedded_store, home).export(fmt, out, Selection(province="Lai Châu"))
    files = sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else [out]
    text = html.unescape("\n".join(p.read_text(encoding="utf-8") for p in files))  # GraphML and GEXF write entities
    assert "reviewed: thử" in text, "the province's basis, as the analyst's note gives it"
