"""Documents in the shapes real folders give them, written here (no dev file's text): layout text
kept as .txt, place-date lines stamped or broken by OCR, letters without a type heading, district
and OCR'd letterheads, bodies stated after a citation, and the folder-wide coverage check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild import extract
from graphbuild.cli import main
from graphbuild.places import districts_named, match_key, province_across_reform, province_matching
from graphbuild.reading import read_document

BODY = (
    "      Thực hiện Công văn số 1189/SNV-TCBC ngày 29/8/2021 của Sở Nội vụ tỉnh Hà Giang về việc\n"
    "phòng, chống dịch, đề nghị các đơn vị thực hiện nghiêm các nội dung sau đây.\n"
)


def letter(letterhead: tuple[str, str], place_date: str, *, number: str = "Số: 215/PGDĐT-VP", signer: str = "Nguyễn Văn An", body: str = BODY) -> str:
    """A letter laid out as ``pdftotext -layout`` writes a PDF's page: head and foot in two columns."""
    return (
        f"  {letterhead[0]:<36}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"  {letterhead[1]:<36}   Độc lập - Tự do - Hạnh phúc\n\n"
        f"  {number:<30}      {place_date}\n"
        "  V/v tăng cường phòng, chống dịch\n\n"
        "                 Kính gửi: Các trường học trên địa bàn\n\n"
        f"{body}\n"
        "Nơi nhận:                                         TRƯỞNG PHÒNG\n"
        "- Như trên;\n"
        "- Lưu: VT.\n\n"
        f"                                                  {signer}\n"
    )


def own(text: str, tmp_path: Path, name: str = "letter.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source = read_document(path)
    [record] = extract(source.text, str(path))
    return record.to_json() | {"read_by": source.method}


@pytest.mark.parametrize(
    ("place_date", "date", "basis"),
    [
        ("Bắc Mê, ngày 15 tháng 6 năm 2021", "2021-06-15", "stated"),
        ("Bắc Mê, ngày      15 tháng 6 năm 2021", "2021-06-15", "stated"),  # stamped after a run of spaces
        ("Bắc Mê, ngày15 tháng 6 nm 2021", "2021-06-15", "stated"),  # OCR: space and vowel lost
        ("Bắc Mê, ngày 15 háng 6 năm 2021", "2021-06-15", "stated"),  # a slip in "tháng"
    ],
)
def test_place_date_shapes_in_layout_text(place_date: str, date: str, basis: str, tmp_path: Path) -> None:
    record = own(letter(("UBND HUYỆN BẮC MÊ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), place_date), tmp_path)
    assert record["read_by"] == "layout-text"
    assert (record["date"], record["date_basis"].split(":")[0]) == (date, basis)
    assert record["type"] == "Công văn"
    assert (record["issuer"], record["level"]) == ("Phòng Giáo dục và Đào tạo", "district")
    # The district is unique in the registry: its province, inferred and said so
    assert record["province"] == "Hà Giang" and record["province_basis"].startswith("inferred: huyện Bắc Mê")
    assert record["signers"][0]["name"] == "Nguyễn Văn An"


def test_blank_day_is_taken_from_the_signing_stamp_not_a_copy_stamp(tmp_path: Path) -> None:
    text = letter(("UBND TỈNH HÀ GIANG", "SỞ Y TẾ"), "Hà Giang, ngày      tháng 6 năm 2021")
    stamped = "Ký bởi: Sở Y tế\nThời gian ký: 17.06.2021 10:07:47 +07:00\n" + text
    record = own(stamped, tmp_path)
    assert record["date"] == "2021-06-17" and record["date_basis"].startswith("inferred: the e-signature stamp")
    copied = "SAO Y; SỞ Y TẾ; Thời gian ký: 2021-06-20T15:14:49+07:00\n" + text
    assert own(copied, tmp_path, "copy.txt")["date"] is None  # the copy's stamp dates the copy


def test_letter_without_heading_is_a_cong_van(tmp_path: Path) -> None:
    # No "Kính gửi", no type heading: the V/v line says it is a letter
    text = letter(("UBND TỈNH HÀ GIANG", "SỞ Y TẾ"), "Hà Giang, ngày 15 tháng 6 năm 2021", number="Số: 1239/SYT-TCCB").replace(
        "Kính gửi: Các trường học trên địa bàn", "")
    record = own(text, tmp_path)
    assert (record["type"], record["symbol"]) == ("Công văn", "1239/SYT-TCCB")
    assert record["type_basis"].startswith("inferred: a letter's subject line")


def test_ambiguous_district_is_not_guessed(tmp_path: Path) -> None:
    assert {d.province for d in districts_named("Chợ Mới")} == {"Bắc Kạn", "An Giang"}
    body = BODY.replace(" tỉnh Hà Giang", "")  # nothing else names the province
    record = own(letter(("ỦY BAN NHÂN DÂN", "HUYỆN CHỢ MỚI"), "Chợ Mới, ngày 17 tháng 12 năm 2021", body=body), tmp_path)
    assert record["issuer"] == "Ủy ban nhân dân huyện Chợ Mới" and record["level"] == "district"
    assert record["province"] is None and "An Giang or Bắc Kạn" in record["province_basis"]


def test_ocr_letterhead_is_restored_from_the_registry(tmp_path: Path) -> None:
    record = own(letter(("BỘ CÔNG AN", "CÔNG AN TÍNH LÂM ĐÒNG"), "Lâm Đồng, ngày 20 tháng 8 năm 2025", number="Số: 855/CAT-PA05"), tmp_path)
    assert (record["issuer"], record["level"], record["province"]) == ("Công an tỉnh Lâm Đồng", "provincial", "Lâm Đồng")


def test_party_board_and_office_are_named_with_their_parent(tmp_path: Path) -> None:
    board = own(letter(("TỈNH ỦY LÂM ĐÔNG", "BAN TỔ CHỨC"), "Lâm Đồng, ngày 04 tháng 9 năm 2025", number="Số 210-CV/BTCTU"), tmp_path)
    assert board["issuer"] == "Ban Tổ chức Tỉnh ủy Lâm Đồng" and board["province"] == "Lâm Đồng"


def test_matching_keys_survive_ocr() -> None:
    assert match_key("Công an tính Lâm Đòng") == match_key("CÔNG AN TỈNH LÂM ĐỒNG")
    assert province_matching("LÂM ÐỒNG").name == "Lâm Đồng"  # U+00D0 for Đ
    assert province_matching("Lâm ông").name == "Lâm Đồng"  # one letter lost
    assert province_matching("Hà") is None  # too short to match loosely
    assert province_across_reform("Lâm Đồng", "2026-01-12")[:2] == (None, "Lâm Đồng")
    assert province_across_reform("Đắk Nông", "2021-05-01")[:2] == ("Đắk Nông", "Lâm Đồng")


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("Phúc đáp văn bản số 1189/SNV-TCBC ngày 29/8/2025 của Sở Nội vụ tỉnh Lâm Đồng về việc cử cán bộ.", "Sở Nội vụ"),
        ("Theo Báo cáo số 01/BC-HHDN ngày 28/6/2025 của Hiệp hội Doanh nghiệp tỉnh về việc đại hội.", "Hiệp hội Doanh nghiệp tỉnh"),
        ("Thực hiện Quyết định số 28/2025/QĐ-TTg ngày 01/7/2025 của Thủ tướng về việc phê duyệt.", "Thủ tướng Chính phủ"),
        ("Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 141/TTr-STP ngày 09/12/2025.", "Sở Tư pháp"),
        ("Căn cứ Công văn số 177/CAT-PA05 ngày 01/8/2025 về bảo đảm an ninh mạng.", "Công an tỉnh"),  # the code, inferred
    ],
)
def test_citation_issuer_as_stated(sentence: str, issuer: str) -> None:
    [record] = extract("Số: 12/UBND-VX\n\nLâm Đồng, ngày 04 tháng 9 năm 2025\n\nV/v thực hiện\n\n" + sentence + "\n")
    [citation] = record.citations
    assert citation.issuer == issuer


def test_a_law_named_only_inside_a_cited_title_is_not_a_citation() -> None:
    text = (
        "Số: 12/TTr-CAT\n\nLâm Đồng, ngày 04 tháng 9 năm 2025\n\nTỜ TRÌNH\n\n"
        "Căn cứ Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ quy định chi tiết một số điều của "
        "Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành chính về cai nghiện ma túy;\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    )
    [record] = extract(text)
    assert [c.canonical or c.type for c in record.citations] == ["116/2021/NĐ-CP", "Luật"]
    assert record.citations[1].date == "2015-06-19"


def test_coverage_and_exit_status(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(letter(("UBND HUYỆN BẮC MÊ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), "Bắc Mê, ngày 15 tháng 6 năm 2021"), encoding="utf-8")
    (folder / "b.txt").write_text("Một ghi chú không có ngày, không có số.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--coverage", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["trường"]: row for row in json.loads(result.stdout)}
    assert rows["date"]["có"] == "1/2" and rows["date"]["thiếu"] == "b.txt"
    assert rows["province"]["có"] == "1/2"
    (folder / "c.txt").write_bytes(b"")  # refused: the rest is read, exit 3
    assert CliRunner().invoke(main, ["extract", "--coverage", str(folder)]).exit_code == 3
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert CliRunner().invoke(main, ["extract", str(empty)]).exit_code == 1  # nothing could be read


def test_province_across_the_2025_reform() -> None:
    head = "UBND TỈNH LÂM ĐỒNG\nSỞ Y TẾ\nSố: 12/SYT-VP\n\n{place}, ngày 04 tháng 9 năm {year}\n\nV/v cử cán bộ\n\nKính gửi: Sở Nội vụ\n\nNội dung.\n"
    [after] = extract(head.format(place="Lâm Đồng", year=2025))
    assert (after.province, after.province_2021, after.province_2025) == ("Lâm Đồng", None, "Lâm Đồng")
    assert any("cannot be told" in warning for warning in after.warnings)
    [before] = extract(head.format(place="Lâm Đồng", year=2021).replace("LÂM ĐỒNG", "ĐẮK NÔNG").replace("Lâm Đồng,", "Đắk Nông,"))
    assert (before.province, before.province_2021, before.province_2025) == ("Đắk Nông", "Đắk Nông", "Lâm Đồng")


def plain_letter(letterhead: str, *, number: str, place_date: str, signature: str, body: str = BODY) -> str:
    """A letter as a Word file's text gives it: one column, head lines one under another."""
    return (
        f"{letterhead}\n{number}\nV/v tăng cường phòng, chống dịch\n\n"
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{place_date}\n\n"
        f"Kính gửi: Các cơ quan, đơn vị\n\n{body}\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{signature}\n"
    )


@pytest.mark.parametrize(
    ("letterhead", "number", "signature", "issuer", "symbol"),
    [
        # the Front's standing board, named under the Front's letterhead; its symbol's BTT says so
        ("ỦY BAN MTTQ VIỆT NAM\nTỈNH NGHỆ AN\nBAN THƯỜNG TRỰC", "Số: 123/MTTQ-BTT", "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\n\nNguyễn Văn An",
         "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An", "123/MTTQ-BTT"),
        # a mass organisation's standing board signs for the body: not the Party committee's board
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN", "Số: 45/LĐLĐ", "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nTrần Thị Bình",
         "Liên đoàn Lao động tỉnh Nghệ An", "45/LĐLĐ"),
        # the Youth Union numbers as the Party does
        ("BCH ĐOÀN TỈNH NGHỆ AN\n***", "Số: 45-CV/TĐTN-VP", "TM. BAN THƯỜNG VỤ\nBÍ THƯ\n\nTrần Thị Bình",
         "Ban Chấp hành Đoàn tỉnh Nghệ An", "45-CV/TĐTN-VP"),
        ("BCH ĐOÀN TỈNH NGHỆ AN\n***", "Số: 46-CV/TĐTN-VP", "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nBÍ THƯ\n\nTrần Thị Bình",
         "Ban Chấp hành Đoàn tỉnh Nghệ An", "46-CV/TĐTN-VP"),
    ],
)
def test_mass_organisations(letterhead: str, number: str, signature: str, issuer: str, symbol: str) -> None:
    [record] = extract(plain_letter(letterhead, number=number, place_date="Nghệ An, ngày 05 tháng 08 năm 2021", signature=signature))
    assert (record.issuer, record.canonical, record.type, record.province) == (issuer, symbol, "Công văn", "Nghệ An")


def test_standing_board_named_by_a_cited_symbol() -> None:
    [record] = extract("Số: 12/UBND-VX\n\nNghệ An, ngày 04 tháng 9 năm 2021\n\nV/v thực hiện\n\nThực hiện Hướng dẫn số 05/HD-MTTW-BTT ngày 02/8/2021.\n")
    assert record.citations[0].issuer == "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"


def test_number_stamped_apart_from_its_symbol_and_district_letterhead() -> None:
    text = plain_letter(
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", number="Số:     215      /UBND-VP", place_date="Đức Trọng, ngày     05 tháng 08 năm 2021",
        signature="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTran Van Binh",
    )
    [record] = extract(text)
    assert (record.canonical, record.date, record.issuer) == ("215/UBND-VP", "2021-08-05", "Ủy ban nhân dân huyện Đức Trọng")
    assert record.province == "Lâm Đồng" and record.basis_of("province").startswith("inferred")
    # a name typed without diacritics is kept as written, and said so
    assert record.signers[0].name == "Tran Van Binh"
    assert any("without diacritics" in w for w in record.warnings)


def test_text_without_diacritics() -> None:
    text = (
        "TINH UY LAM DONG\n*\nSo 123-TB/TU\n\nDANG CONG SAN VIET NAM\nLam Dong, ngay 05 thang 08 nam 2021\n\nTHONG BAO\n"
        "ket luan cua Ban Thuong vu Tinh uy\n\nThuc hien Chi thi so 16/CT-TTg ngay 31/3/2020 cua Thu tuong Chinh phu.\n\n"
        "Noi nhan:\n- Luu Van phong.\n\nT/M BAN THUONG VU\nPHO BI THU\n\nNguyen Van An\n"
    )
    [record] = extract(text)
    assert (record.type, record.canonical, record.date, record.province) == ("Thông báo", "123-TB/TU", "2021-08-05", "Lâm Đồng")
    assert record.issuer == "Ban Thường vụ Tỉnh ủy"
    assert [(s.name, s.role, s.capacity) for s in record.signers] == [("Nguyen Van An", "Phó Bí thư", "T/M Ban Thường vụ")]


def test_registry_spelling_restored_only_where_the_key_is_the_registrys() -> None:
    from graphbuild.bodies import official_spelling

    assert official_spelling("Ban Tuyển giáo và Dân vận Tỉnh ủy Gia Lai") == "Ban Tuyên giáo và Dân vận Tỉnh ủy Gia Lai"
    assert official_spelling("Công ty Tân Tiến") == "Công ty Tân Tiến"  # not in the registry: as written


def test_officer_rank_nested_authority_and_a_request_stated_before(tmp_path: Path) -> None:
    police = plain_letter(
        "CÔNG AN TỈNH NGHỆ AN", number="Số: 12/CAT-PC04", place_date="Nghệ An, ngày 05 tháng 08 năm 2021",
        signature="Thiếu tướng Trương Văn Định",
    )
    [record] = extract(police)
    assert record.signers[0].name == "Trương Văn Định"
    office = plain_letter(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN", number="Số: 45/GM-UBND", place_date="Nghệ An, ngày 05 tháng 08 năm 2021",
        signature="TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nLê Thị Hoa",
        body="Theo đề nghị của Chủ tịch Hiệp hội Doanh nghiệp tỉnh Nghệ An tại Văn bản số 01/BC-HHDN ngày 28/6/2021.\n",
    )
    [record] = extract(office)
    assert [(s.name, s.role, s.capacity) for s in record.signers] == [("Lê Thị Hoa", "Phó Chánh Văn phòng", "TL. Chủ tịch, KT. Chánh Văn phòng")]
    assert record.issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    assert record.citations[0].issuer == "Hiệp hội Doanh nghiệp tỉnh Nghệ An"


def test_word_text_with_its_head_in_a_table_is_read_in_columns(tmp_path: Path) -> None:
    text = (
        "|ỦY BAN NHÂN DÂN                     |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM       |\n"
        "|TỈNH NGHỆ AN                        |Độc lập - Tự do - Hạnh phúc              |\n"
        "|Số: 45/GM-UBND                      |Nghệ An, ngày 12 tháng 01 năm 2022       |\n\n"
        "GIẤY MỜI\n\n" + BODY + "\n"
        "|Nơi nhận:                           |TL. CHỦ TỊCH                             |\n"
        "|- Như trên;                         |CHÁNH VĂN PHÒNG                          |\n"
        "|- Lưu: VT.                          |                                         |\n"
        "|                                    |Lê Văn Nam                               |\n"
    )
    record = own(text, tmp_path, "boxed.txt")
    assert record["read_by"] == "layout-text"
    assert (record["symbol"], record["date"], record["type"]) == ("45/GM-UBND", "2022-01-12", "Giấy mời")
    assert record["signers"][0]["name"] == "Lê Văn Nam"


def test_two_districts_numbering_alike_are_two_documents() -> None:
    uids = []
    for district in ("ĐỨC TRỌNG", "LÂM HÀ"):
        text = plain_letter(f"ỦY BAN NHÂN DÂN\nHUYỆN {district}", number="Số: 101/UBND-VP", place_date=f"{district.title()}, ngày 05 tháng 08 năm 2021",
                            signature="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An")
        [record] = extract(text)
        assert record.province == "Lâm Đồng" and record.level == "district"
        uids.append(record.uid)
    assert uids[0] != uids[1] and all(":101/UBND-VP@2021" in uid for uid in uids)
    # a citation naming the district reaches the same document
    [citing] = extract("Số: 12/UBND-VX\n\nLâm Đồng, ngày 04 tháng 9 năm 2021\n\nV/v thực hiện\n\n"
                       "Thực hiện Công văn số 101/UBND-VP ngày 05/8/2021 của Ủy ban nhân dân huyện Lâm Hà về việc phòng dịch.\n")
    assert citing.citations[0].uid == uids[1]


@pytest.mark.parametrize(
    ("letterhead", "authority", "role"),
    [
        ("VĂN PHÒNG CHÍNH PHỦ", "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM", "Phó Chủ nhiệm"),
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nCỤC NHÀ GIÁO VÀ CÁN BỘ QUẢN LÝ GIÁO DỤC", "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG", "Phó Cục trưởng"),
        ("BỘ Y TẾ\nVỤ PHÁP CHẾ", "VỤ TRƯỞNG", "Vụ trưởng"),
        ("TRƯỜNG ĐẠI HỌC LÂM NGHIỆP", "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG", "Phó Hiệu trưởng"),
    ],
)
def test_central_and_institutional_signers(letterhead: str, authority: str, role: str) -> None:
    text = plain_letter(letterhead, number="Số: 1234/VPCP-KGVX", place_date="Hà Nội, ngày 20 tháng 10 năm 2021",
                        signature=f"{authority}\n\n\n\nNguyễn Sỹ Hiệp")
    [record] = extract(text)
    assert [(s.name, s.role) for s in record.signers] == [("Nguyễn Sỹ Hiệp", role)]
    assert record.province is None or record.level != "central"


def test_a_number_line_after_a_stamps_marks() -> None:
    text = plain_letter("CÔNG AN TỈNH NGHỆ AN\nPHÒNG AN NINH CHÍNH TRỊ NỘI BỘ", number="z)          Số:445 /CV-PA03",
                        place_date="Nghệ An, ngày 26 tháng 4 năm 2021", signature="TRƯỞNG PHÒNG\n\nLê Văn Nam")
    [record] = extract(text)
    assert (record.canonical, record.type) == ("445/CV-PA03", "Công văn")


def test_columns_run_together_on_single_spaced_lines() -> None:
    """OCR or a copy from a page that ran the two columns together with one space: the number and the
    place-date on one line, the authority and the title at the ends of the distribution list."""
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ GIANG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 2315/UBND-KGVX Hà Giang, ngày 05 tháng 8 năm 2021\nV/v tăng cường phòng, chống dịch Covid-19\n\n"
        "Kính gửi: Các sở, ban, ngành tỉnh.\n\n" + BODY + "\nNơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\n\nTrần Đức Quý\n"
    )
    [record] = extract(text)
    assert (record.canonical, record.date, record.place, record.province) == ("2315/UBND-KGVX", "2021-08-05", "Hà Giang", "Hà Giang")
    assert record.issuer == "Ủy ban nhân dân tỉnh Hà Giang"
    assert [(s.name, s.role, s.capacity) for s in record.signers] == [("Trần Đức Quý", "Phó Chủ tịch", "KT. Chủ tịch")]


def test_a_district_party_committee_is_named_with_its_district() -> None:
    text = (
        "HUYỆN ỦY ĐỨC TRỌNG\n*\nSố 45-TB/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nĐức Trọng, ngày 10 tháng 5 năm 2021\n\nTHÔNG BÁO\n"
        "kết luận của Ban Thường vụ Huyện ủy\n\nThực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
    )
    [record] = extract(text)
    assert (record.issuer, record.level, record.province) == ("Ban Thường vụ Huyện ủy Đức Trọng", "district", "Lâm Đồng")
    assert record.basis_of("province").startswith("inferred")


@pytest.mark.parametrize("written", ["TRẦN ĐỨC QUÝ", "Trần Đức Quý a", "Trần  Đức  Quý", "_ Trần Đức Quý"])
def test_a_signers_name_as_scans_and_typists_leave_it(written: str) -> None:
    """In capitals, with a stray letter of the seal after it, with doubled spaces, after a mark."""
    text = plain_letter("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG", number="Số: 2315/UBND-KGVX", place_date="Hà Giang, ngày 05 tháng 8 năm 2021",
                        signature=f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{written}")
    [record] = extract(text)
    [signer] = record.signers
    assert (signer.name, signer.role) == ("Trần Đức Quý", "Phó Chủ tịch")
    assert text[signer.span.end - 3 : signer.span.end].lower() == "quý"  # the span ends at the name
