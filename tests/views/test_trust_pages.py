"""Search on both stores, and the card and review pages in a real headless Chromium: highlights on
the characters of their spans, hostile text kept as text, no network request, corrections written
by the page in the form a build reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphbuild.build import build
from graphbuild.cards import card
from graphbuild.corrections import read_corrections
from graphbuild.review import review_rows
from graphbuild.stores.base import GraphStore
from tests.browser import open_page
from viz.card_page import write_card_page
from viz.review_page import write_review_page

SEEDS = Path(__file__).resolve().parents[2] / "data"
HOSTILE = (
    "TỈNH ỦY HÀ GIANG\n*\nSố 120-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
    "THÔNG BÁO\nvề giãn cách xã hội <script>alert('x')</script><img src=x onerror=alert(1)>\n\n"
    "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về giãn cách xã hội, Ban Thường vụ kết luận.\n\n"
    "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n"
)


@pytest.fixture
def built(store: GraphStore, tmp_path: Path) -> tuple[GraphStore, Path, Path]:
    folder = tmp_path / "notices"
    shutil.copytree(SEEDS, folder)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    home = tmp_path / "home"
    build(store, [folder], home=home, corrections=tmp_path / "corrections.csv")
    return store, folder, home


def test_search_finds_words_with_or_without_diacritics_and_both_stores_agree(built: tuple[GraphStore, Path, Path]) -> None:
    store, _, _ = built
    with_marks = store.search("giãn cách xã hội", province=None, date_from=None, date_to=None, doc_type=None)
    without = store.search("GIAN CACH xa hoi", province=None, date_from=None, date_to=None, doc_type=None)
    assert with_marks == without
    assert [Path(r["source"]).name for r in with_marks] == ["hostile.txt"]
    assert store.search("phòng, chống dịch", province="Điện Biên", date_from=None, date_to=None, doc_type=None)[0]["document"] == "274-TB/TU"
    assert store.search("phong chong dich", province=None, date_from="2021-11-01", date_to=None, doc_type=None) == [
        r for r in store.search("phong chong dich", province=None, date_from=None, date_to=None, doc_type=None) if (r["date"] or "") >= "2021-11-01"
    ]
    assert store.search("xyzzy không có", province=None, date_from=None, date_to=None, doc_type=None) == []


def test_search_returns_the_same_rows_on_both_stores(embedded_store: GraphStore, neo4j_store: GraphStore, tmp_path: Path) -> None:
    rows = []
    for name, store in (("embedded", embedded_store), ("neo4j", neo4j_store)):
        build(store, [SEEDS], home=tmp_path / name, corrections=tmp_path / "none.csv")
        rows.append([store.search(q, province=None, date_from=None, date_to=None, doc_type=None) for q in ("phòng chống dịch", "thuc hien", "covid 19", "an toàn")])
    assert rows[0] == rows[1] and all(rows[0][:3])


@pytest.mark.parametrize("store", ["embedded"], indirect=True)
def test_the_card_highlights_each_fact_on_its_span_and_keeps_hostile_text_as_text(built: tuple[GraphStore, Path, Path], browser: object, tmp_path: Path) -> None:
    store, folder, home = built
    for name in ("002_86ceddd2e63fe96c.txt", "hostile.txt"):
        found = card(store, str(folder / name), home=home)
        assert found.text
        page_path = write_card_page(found, tmp_path / f"{name}.html")
        page, seen = open_page(browser, page_path, "document.getElementById('source-text') !== null")
        marks = page.eval_on_selector_all("mark", "ms => ms.map(m => [m.dataset.field, +m.dataset.start, +m.dataset.end, m.textContent, m.title])")
        assert marks, name
        for field, start, end, shown, title in marks:
            assert shown == found.text[start:end], (field, start, end)
            assert title
        assert {f for m in marks for f in m[0].split()} >= ({"date", "province", "symbol", "citation"} if name.startswith("002") else {"citation"})
        assert page.eval_on_selector("#source-text", "e => e.textContent") == found.text
        assert seen == {"requests": [], "dialogs": [], "errors": []}
        assert page.eval_on_selector_all("#source-text script, #source-text img", "es => es.length") == 0
        page.context.close()


@pytest.mark.parametrize("store", ["embedded"], indirect=True)
def test_the_review_page_writes_corrections_a_build_reads(built: tuple[GraphStore, Path, Path], browser: object, tmp_path: Path) -> None:
    store, folder, home = built
    rows = review_rows(store, home=home)
    fields = {(Path(r.file).name, r.field) for r in rows}
    assert ("001_3065f9b87e21bb45.txt", "date") in fields and ("hostile.txt", "date") in fields
    assert rows[0].field == "date", "a notice without a date comes first"
    page_path = write_review_page(rows, tmp_path / "review.html")
    page, seen = open_page(browser, page_path, "window.reviewReady === true")
    row = next(i for i, r in enumerate(rows) if r.field == "date" and r.file.endswith("001_3065f9b87e21bb45.txt"))
    page.fill(f"tr[data-row='{row}'] input.value", "2021-09-08")
    page.fill(f"tr[data-row='{row}'] input.note", 'trang 2, "dấu đỏ"')
    page.fill("#who", "lan")
    written = tmp_path / "corrections.csv"
    written.write_text(page.evaluate("window.correctionsCsv()"), encoding="utf-8")
    [correction] = read_corrections(written)
    assert (correction.field, correction.value, correction.note, correction.who) == ("date", "2021-09-08", 'trang 2, "dấu đỏ"', "lan")
    assert correction.hash == rows[row].content_hash
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    assert page.eval_on_selector_all("#queue script, #queue img", "es => es.length") == 0
    page.context.close()
    report = build(store, [folder], home=home, corrections=written)
    assert report.corrected == 1 and not report.stale_corrections


def test_only_texts_slow_to_read_again_are_kept_and_a_changed_file_shows_no_text(tmp_path: Path) -> None:
    from graphbuild.reading.source import SourceText
    from graphbuild.texts import keep_text, kept_text, text_of

    folder = tmp_path / "texts"
    scan = SourceText("/x/scan.pdf", "chữ đọc bằng OCR", "utf-8", "a" * 64, method="ocr", pages=1, ocr_pages=1)
    converted = SourceText("/x/old.doc", "văn bản .doc", "utf-8", "b" * 64, method="docx")
    plain = SourceText("/x/note.txt", "văn bản", "utf-8", "c" * 64)
    for source in (scan, converted, plain):
        keep_text(folder, source)
    assert kept_text(tmp_path, "a" * 64)["text"] == "chữ đọc bằng OCR"  # type: ignore[index]
    assert kept_text(tmp_path, "b" * 64)["method"] == "docx"  # type: ignore[index]
    assert kept_text(tmp_path, "c" * 64) is None
    note = tmp_path / "note.txt"
    note.write_text("Số 12-TB/TU\n", encoding="utf-8")
    from graphbuild.reading import read_document

    read = read_document(note)
    assert text_of(tmp_path, read.content_hash, str(note))["text"] == read.text  # type: ignore[index]
    note.write_text("Số 13-TB/TU\n", encoding="utf-8")
    assert text_of(tmp_path, read.content_hash, str(note)) is None, "a file changed since the build: its spans point elsewhere"
