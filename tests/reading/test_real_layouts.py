"""Documents as offices produce them: PDFs with two-column heads and feet, scans, Word tables, web text.

The pages here are written by the tests themselves (matplotlib draws text at the places the layout
rules put it; python-docx writes the tables); they are read back through the real readers: poppler's
pdftotext, Tesseract's Vietnamese model, python-docx.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from graphbuild import extract, extract_path
from graphbuild.errors import EmptyFile, MissingTool, ScanSkipped, UnreadableFile
from graphbuild.reading import ReadOptions, read_document
from graphbuild.reading.layout import recover_layout
from graphbuild.reading.ocr import tesseract_available

# A provincial department's letter, laid out by Nghị định 30/2020/NĐ-CP: (x, y, text) in inches on A4.
HEAD_AND_FOOT = [
    (0.9, 10.9, "UBND TỈNH QUẢNG NAM"),
    (1.2, 10.65, "SỞ Y TẾ"),
    (0.8, 10.2, "Số: 4521/SYT-NVY"),
    (0.6, 9.95, "V/v tăng cường phòng, chống dịch"),
    (3.9, 10.9, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (4.4, 10.65, "Độc lập - Tự do - Hạnh phúc"),
    (4.2, 10.2, "Quảng Nam, ngày 05 tháng 10 năm 2021"),
    (2.6, 9.4, "Kính gửi: Các bệnh viện, trung tâm y tế trong tỉnh."),
    (0.9, 8.9, "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ và Công văn"),
    (0.6, 8.65, "số 7316/BYT-MT ngày 02/9/2021 của Bộ Y tế, Sở Y tế đề nghị các đơn vị triển"),
    (0.6, 8.4, "khai ngay các biện pháp phòng, chống dịch trên địa bàn."),
    (0.6, 7.6, "Nơi nhận:"),
    (0.6, 7.35, "- Như trên;"),
    (0.6, 7.1, "- Lưu: VT, NVY."),
    (4.6, 7.6, "KT. GIÁM ĐỐC"),
    (4.55, 7.35, "PHÓ GIÁM ĐỐC"),
    (4.3, 6.4, "Trần Văn Tuấn"),
]


def _draw(path: Path, *, dpi: int | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType: whole glyphs with their Unicode, as Word writes PDFs
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(8.27, 11.69))
    for x, y, text in HEAD_AND_FOOT:
        bold = text.isupper() or text.startswith(("Số", "KT."))
        figure.text(x / 8.27, y / 11.69, text, fontsize=12, family="DejaVu Serif", weight="bold" if bold else "normal")
    figure.savefig(path, dpi=dpi)
    plt.close(figure)


def _check_letter(record) -> None:  # type: ignore[no-untyped-def]
    assert record.symbol == "4521/SYT-NVY"
    assert record.date == "2021-10-05"
    assert record.issuer == "Sở Y tế"
    assert record.province == "Quảng Nam"
    assert record.level == "provincial"
    assert record.type == "Công văn"
    assert [(s.name, s.capacity, s.role) for s in record.signers] == [("Trần Văn Tuấn", "KT. Giám đốc", "Phó Giám đốc")]
    assert {c.canonical for c in record.citations} == {"128/NQ-CP", "7316/BYT-MT"}
    assert "Như trên" in record.recipients


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
needs_tesseract = pytest.mark.skipif(not tesseract_available("vie"), reason="Tesseract with the Vietnamese model is not installed")


@needs_poppler
def test_a_pdf_with_a_two_column_head_and_foot(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    _draw(path)
    source = read_document(path)
    assert source.method == "pdf-text"
    # the columns come out one after the other; every character maps back to the reader's text
    assert "UBND TỈNH QUẢNG NAM\nSỞ Y TẾ" in source.text
    assert "CỘNG HÒA" not in source.text.split("\n")[0]
    assert source.raw_text is not None
    for pos, char in enumerate(source.text):
        raw = source.to_raw(pos)
        assert raw is None or source.raw_text[raw] == char
    (record,) = extract_path(path).records
    _check_letter(record)
    assert record.read_by == "pdf-text"


@needs_poppler
@needs_tesseract
def test_a_scan_is_read_by_ocr_and_says_so(tmp_path: Path) -> None:
    image = tmp_path / "letter.png"
    _draw(image, dpi=300)
    result = extract_path(image)
    assert result.error is None, result.error
    (record,) = result.records
    _check_letter(record)
    assert record.read_by == "ocr"
    assert all(c.from_ocr for c in record.citations)
    assert any("OCR" in w for w in record.warnings)


def test_a_scan_with_ocr_turned_off_is_a_named_error(tmp_path: Path) -> None:
    image = tmp_path / "letter.png"
    _draw(image, dpi=50)
    with pytest.raises(ScanSkipped, match=r"letter\.png.*OCR is turned off"):
        read_document(image, ReadOptions(ocr=False))


def test_a_missing_ocr_engine_is_a_named_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = tmp_path / "letter.png"
    _draw(image, dpi=50)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    with pytest.raises(MissingTool, match=r"letter\.png.*tesseract-ocr-vie"):
        read_document(image)


def test_a_word_97_file_without_libreoffice_is_a_named_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = extract_path(path)
    assert isinstance(result.error, MissingTool)
    assert "LibreOffice" in str(result.error) and "old.doc" in str(result.error)


def test_a_docx_with_the_head_and_signature_in_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND TỈNH QUẢNG NAM\nSỞ Y TẾ"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 4521/SYT-NVY\nV/v tăng cường phòng, chống dịch"
    head.cell(1, 1).text = "Quảng Nam, ngày 05 tháng 10 năm 2021"
    document.add_paragraph("Kính gửi: Các bệnh viện, trung tâm y tế trong tỉnh.")
    document.add_paragraph(
        "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ và Công văn số 7316/BYT-MT ngày 02/9/2021 "
        "của Bộ Y tế, Sở Y tế đề nghị các đơn vị triển khai ngay các biện pháp phòng, chống dịch trên địa bàn."
    )
    foot = document.add_table(rows=1, cols=2)
    foot.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, NVY."
    foot.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nTrần Văn Tuấn"
    path = tmp_path / "letter.docx"
    document.save(str(path))
    (record,) = extract_path(path).records
    _check_letter(record)
    assert not any("Trần Văn Tuấn" in r or "GIÁM ĐỐC" in r for r in record.recipients)


def test_a_head_flattened_into_one_line_by_a_web_page() -> None:
    text = (
        "BỘ Y TẾ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "
        "Số: 7316/BYT-MT V/v tăng cường phòng, chống dịch COVID-19 Hà Nội, ngày 02 tháng 9 năm 2021 "
        "Kính gửi: - Ủy ban nhân dân các tỉnh, thành phố. Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 "
        "của Thủ tướng Chính phủ, Bộ Y tế đề nghị các địa phương triển khai ngay.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT, MT.\n\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn\n"
    )
    (record,) = extract(text)
    assert (record.symbol, record.date, record.issuer, record.level, record.province) == ("7316/BYT-MT", "2021-09-02", "Bộ Y tế", "central", None)
    assert record.subject == "tăng cường phòng, chống dịch COVID-19"
    assert record.recipients[0] == "Ủy ban nhân dân các tỉnh, thành phố"
    assert [(s.name, s.capacity, s.role) for s in record.signers] == [("Nguyễn Trường Sơn", "KT. Bộ trưởng", "Thứ trưởng")]
    assert [c.canonical for c in record.citations] == ["16/CT-TTg"]


@pytest.mark.parametrize(
    ("letterhead", "issuer", "level", "province"),
    [
        ("UBND TỈNH QUẢNG NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ", "Sở Y tế", "provincial", "Quảng Nam"),
        ("CHÍNH PHỦ                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Chính phủ", "central", None),
        ("UBND HUYỆN NÚI THÀNH\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo", "district", None),
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nCỤC QUẢN LÝ CHẤT LƯỢNG", "Cục Quản lý chất lượng (Bộ Giáo dục và Đào tạo)", "central", None),
    ],
)
def test_letterheads_read_by_the_layout_rules(letterhead: str, issuer: str, level: str, province: str | None) -> None:
    text = f"{letterhead}\nSố: 12/ABC-XY\n\nHà Nội, ngày 01 tháng 10 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\nNội dung thông báo ngắn.\n"
    (record,) = extract(text)
    assert (record.issuer, record.level) == (issuer, level)
    if province:
        assert record.province == province


def test_the_documents_own_number_in_its_annex_is_not_a_citation() -> None:
    text = (
        "BỘ Y TẾ\nSố: 15/2021/TT-BYT\n\nHà Nội, ngày 01 tháng 10 năm 2021\n\nTHÔNG TƯ\nHướng dẫn X\n\n"
        "Căn cứ Nghị định số 75/2017/NĐ-CP ngày 20/6/2017 của Chính phủ;\n\nPHỤ LỤC\n"
        "(Ban hành kèm theo Thông tư số 15/2021/TT-BYT ngày 01 tháng 10 năm 2021 của Bộ trưởng Bộ Y tế)\n"
    )
    (record,) = extract(text)
    assert [c.canonical for c in record.citations] == ["75/2017/NĐ-CP"]


def test_layout_recovery_keeps_a_body_table_and_joins_wrapped_lines() -> None:
    page = (
        "  UBND TỈNH X                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "  Số: 1/UBND                       X, ngày 01 tháng 10 năm 2021\n\n"
        "      Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ về ban hành\n"
        "Quy định tạm thời thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch bệnh.\n"
        " Tháng        Họ và tên          Chức vụ\n"
        "   1          Nguyễn Văn A       Giám đốc\n"
    )
    text = recover_layout([page]).text
    assert "của Chính phủ về ban hành Quy định tạm thời" in text
    assert "Tháng        Họ và tên          Chức vụ" in text  # tables keep their lines


def test_read_errors_cross_process_boundaries() -> None:
    error = EmptyFile("a.txt", "the file is empty", "Remove it.")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path) == (EmptyFile, str(error), "a.txt")
    assert isinstance(copy, UnreadableFile)


def test_utf16_without_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Số 12-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n".encode("utf-16-le"))
    (record,) = extract_path(path).records
    assert (record.symbol, record.date) == ("12-TB/TU", "2021-08-04")


def test_a_resolution_is_dated_by_its_closing_formula() -> None:
    text = (
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 12/NQ-HĐND\n\nNGHỊ QUYẾT\nVề việc X\n\n"
        "Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ;\n\n"
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh Quảng Nam khóa X, kỳ họp thứ 3 thông qua ngày 10 tháng 12 năm 2021.\n"
    )
    (record,) = extract(text)
    assert (record.date, record.issuer, record.province) == ("2021-12-10", "Hội đồng nhân dân tỉnh Quảng Nam", "Quảng Nam")
    assert record.basis_of("date") is not None and "closing formula" in record.basis_of("date")


def test_an_incoming_mail_stamp_is_not_the_documents_number() -> None:
    text = (
        "CÔNG VĂN ĐẾN\nSố: 987\nNgày: 06/10/2021\n\nUBND TỈNH QUẢNG NAM\nSỞ Y TẾ\nSố: 4521/SYT-NVY\n\n"
        "Quảng Nam, ngày 05 tháng 10 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\nNội dung.\n"
    )
    (record,) = extract(text)
    assert (record.symbol, record.issuer) == ("4521/SYT-NVY", "Sở Y tế")


@needs_poppler
def test_encrypted_and_corrupt_pdfs_are_named_errors_and_the_folder_goes_on(tmp_path: Path) -> None:
    import pypdf

    from graphbuild import extract_paths

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mật khẩu")
    with (tmp_path / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (tmp_path / "notice.txt").write_text("Số 12-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n", encoding="utf-8")
    results = {Path(r.path).name: r for r in extract_paths([tmp_path], jobs=1)}
    assert "encrypted" in str(results["locked.pdf"].error) and "locked.pdf" in str(results["locked.pdf"].error)
    assert "not a readable PDF" in str(results["broken.pdf"].error)
    assert results["notice.txt"].records[0].symbol == "12-TB/TU"


@needs_poppler
@needs_tesseract
def test_the_cli_names_each_ocr_file(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from graphbuild.cli import main

    image = tmp_path / "letter.png"
    _draw(image, dpi=300)
    result = CliRunner().invoke(main, ["extract", str(image), "--format", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Đã OCR (read by OCR)" in result.stderr and "letter.png" in result.stderr
    (record,) = json.loads(result.stdout)
    assert record["read_by"] == "ocr" and record["symbol"] == "4521/SYT-NVY"
    skipped = CliRunner().invoke(main, ["extract", str(image), "--no-ocr"])
    assert skipped.exit_code == 1 and "OCR is turned off" in skipped.stderr


def test_a_type_heading_that_runs_into_its_subject_after_a_stamp() -> None:
    text = (
        "BỘ NÔNG NGHIỆP VÀ PTNT\nTRƯỜNG ĐẠI HỌC LÂM NGHIỆP\nSố: 56/TB-ĐHLN\n\nHà Nội, ngày 11 tháng 8 năm 2017\n\n"
        ".Œ ÔNG VĂN tIẾN                          THÔNG BÁO TUYỂN SINH\nHỆ DỰ BỊ ĐẠI HỌC NĂM 2017\n\n"
        "Căn cứ Thông tư số 26/2016/TT-BGDĐT ngày 30/12/2016 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
    )
    (record,) = extract(text)
    assert record.type == "Thông báo" and record.basis_of("type") is not None and "THÔNG BÁO TUYỂN SINH" in record.basis_of("type")


def test_web_page_furniture_is_not_part_of_the_document() -> None:
    text = (
        "Số 12-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\n"
        "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ về ban hành Quy định tạm thời\n"
        "CÔNG BÁO/Số 123 + 124/Ngày 05-02-2021\n--- Trang 2 ---\nthuvienphapluat.vn\n"
        "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19, các cấp triển khai.\n"
    )
    (record,) = extract(text)
    (citation,) = record.citations
    assert citation.canonical == "128/NQ-CP"
    assert "CÔNG BÁO" not in citation.sentence and "thuvienphapluat" not in citation.sentence
    assert "Quy định tạm thời thích ứng an toàn" in citation.sentence
