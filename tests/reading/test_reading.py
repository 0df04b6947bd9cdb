"""Reading files: encodings, legacy fonts, .docx, .pdf, and bad input with clear errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from graphbuild import extract_path, extract_paths
from graphbuild.errors import BinaryFile, EmptyFile, UnsupportedFormat
from graphbuild.reading import read_document

NOTICE = (
    "Số 274-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy\n\n"
    "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, các cấp ủy triển khai.\n"
)


def _legacy(text: str, name: str) -> str:
    from viparse.normalize.encodings import CHARMAPS

    inverse: dict[str, str] = {}
    for legacy, unicode in CHARMAPS[name].pairs:
        if len(unicode) == 1:
            inverse.setdefault(unicode, legacy)
    return "".join(inverse.get(c, c) for c in text)


def _check(path: Path) -> None:
    result = extract_path(path)
    assert result.error is None, result.error
    (record,) = result.records
    assert (record.symbol, record.province, record.date) == ("274-TB/TU", "Điện Biên", "2021-08-04")
    assert [c.canonical for c in record.citations] == ["128/NQ-CP"]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8.txt", lambda t: t.encode("utf-8")),
        ("utf8bom.md", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("utf16.txt", lambda t: t.encode("utf-16")),
        ("cp1258.txt", lambda t: _cp1258(t)),
        ("tcvn3.txt", lambda t: _legacy(t, "tcvn3").encode("latin-1")),
    ],
)
def test_text_encodings(tmp_path: Path, name: str, encode) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(encode(NOTICE))
    _check(path)


def _cp1258(text: str) -> bytes:
    import unicodedata

    # Windows-1258 has â, ê, ô, ơ, ư, ă precomposed but writes tone marks as combining characters.
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            shape = [m for m in marks if m in "\u0302\u0306\u031b"]
            tone = [m for m in marks if m not in shape]
            out.append((unicodedata.normalize("NFC", base + "".join(shape)) + "".join(tone)).encode("cp1258"))
    return b"".join(out)


def test_legacy_font_text_is_converted_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "vni.txt"
    path.write_text(_legacy(NOTICE, "tcvn3"), encoding="utf-8")  # TCVN3 glyphs pasted into a UTF-8 file
    source = read_document(path)
    assert source.text == NOTICE
    assert any("TCVN3" in w for w in source.warnings)


def test_docx_paragraphs_tables_and_headers(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "TỈNH ỦY ĐIỆN BIÊN"
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Số 274-TB/TU"
    table.cell(0, 1).text = "Điện Biên, ngày 04 tháng 8 năm 2021"
    document.add_paragraph("")
    document.add_paragraph("THÔNG BÁO")
    document.add_paragraph("kết luận của Ban Thường vụ Tỉnh ủy")
    document.add_paragraph("")
    document.add_paragraph("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, các cấp ủy triển khai.")
    path = tmp_path / "notice.docx"
    document.save(str(path))
    text = read_document(path).text
    assert text.index("TỈNH ỦY ĐIỆN BIÊN") < text.index("Số 274-TB/TU") < text.index("THÔNG BÁO")
    _check(path)


def test_pdf_with_a_text_layer(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(8.27, 11.69))
    for i, line in enumerate(NOTICE.split("\n")):
        figure.text(0.05, 0.95 - i * 0.02, line, fontsize=9)
    path = tmp_path / "notice.pdf"
    figure.savefig(path)
    plt.close(figure)
    _check(path)


def test_a_scan_ocr_cannot_read_is_a_named_error(tmp_path: Path) -> None:
    import pypdf

    from graphbuild.errors import OcrFailed, ScanSkipped
    from graphbuild.reading import ReadOptions

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(OcrFailed, match=r"scan\.pdf.*OCR found no text"):
        read_document(path)
    with pytest.raises(ScanSkipped, match=r"scan\.pdf.*scan and OCR is turned off"):
        read_document(path, ReadOptions(ocr=False))


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", b"", EmptyFile, "empty"),
        ("blank.txt", b"  \n\n ", EmptyFile, "empty"),
        ("image.txt", bytes(range(256)) * 4, BinaryFile, "binary"),
        ("notice.xls", b"PK\x03\x04", UnsupportedFormat, "not read"),
        ("broken.docx", b"not a zip at all", Exception, "docx"),
    ],
)
def test_bad_inputs_name_the_file_and_the_problem(tmp_path: Path, name: str, content: bytes, error: type, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_document(path)
    assert name in str(caught.value) and words in str(caught.value)


def test_one_bad_file_never_stops_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.md").write_text(NOTICE.replace("274", "275"), encoding="utf-8")
    results = list(extract_paths([tmp_path], jobs=1))
    assert [Path(r.path).name for r in results] == ["a.txt", "b.txt", "c.md"]
    assert [bool(r.error) for r in results] == [False, True, False]
    assert [r.records[0].symbol for r in results if r.records] == ["274-TB/TU", "275-TB/TU"]
