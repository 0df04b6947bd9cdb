"""Head, signers, recipients, provinces, persons and copies, as tables of cases."""

from __future__ import annotations

import pytest

from graphbuild import extract
from graphbuild.symbols import parse_symbol

DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
-------
Số: 05/QĐ-UBND

Quảng Ninh, ngày 05 tháng 02 năm 2021

QUYẾT ĐỊNH
Về việc áp dụng biện pháp phòng, chống dịch Covid-19 trên địa bàn tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Quyết định số 447/QĐ-TTg ngày 01/4/2020 của Thủ tướng Chính phủ về việc công bố dịch COVID-19;
Căn cứ Nghị định số 117/2020/NĐ-CP ngày 28/9/2020 của Chính phủ;
Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 120/TTr-SYT ngày 04/02/2021.

QUYẾT ĐỊNH:

Điều 1. Áp dụng biện pháp cách ly xã hội theo Chỉ thị 16/CT-TTg. Quyết định này thay thế Quyết định số 03/QĐ-UBND ngày 01/02/2021 của UBND tỉnh.

Nơi nhận:
- Bộ Y tế (b/c);
- TT Tỉnh ủy, TT HĐND tỉnh;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đặng Huy Hậu
"""

MINISTRY_LETTER = """BỘ Y TẾ
Số: 2315/BYT-MT
V/v hướng dẫn cách ly y tế

Hà Nội, ngày 24 tháng 4 năm 2021

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương

Thực hiện Thông tư số 15/2022/TT-
BYT của Bộ Y tế, căn cứ Công văn số 1234/BYT-MT ngày 01/3/2021 và Công văn số 99/VPCP-KGVX ngày 02/03/2021 của Văn phòng Chính phủ, Bộ Y tế hướng dẫn như sau.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Nguyễn Trường Sơn
"""


def test_state_decision_with_legal_basis_preamble() -> None:
    (record,) = extract(DECISION)
    assert (record.type, record.symbol, record.date, record.province) == ("Quyết định", "05/QĐ-UBND", "2021-02-05", "Quảng Ninh")
    assert record.uid == "22:05/QĐ-UBND@2021"
    assert record.level == "provincial"
    assert record.subject == "Về việc áp dụng biện pháp phòng, chống dịch Covid-19 trên địa bàn tỉnh"
    assert [s.to_json() for s in record.signers] == [{"name": "Đặng Huy Hậu", "role": "Phó Chủ tịch", "capacity": "KT. Chủ tịch"}]
    relations = {c.canonical or c.as_written: c.relation for c in record.citations}
    assert relations == {
        "447/QĐ-TTg": "legal_basis",
        "117/2020/NĐ-CP": "legal_basis",
        "120/TTr-SYT": "refers",
        "16/CT-TTg": "refers",
        "03/QĐ-UBND": "replaces",
        "Luật Tổ chức chính quyền địa phương": "legal_basis",
    }
    assert "05/QĐ-UBND" not in relations  # its own number is not a citation
    assert record.recipients == ["Bộ Y tế (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT"]


def test_ministry_letter_citing_circulars_and_letters() -> None:
    (record,) = extract(MINISTRY_LETTER)
    assert (record.type, record.basis_of("type")) == ("Công văn", "inferred: a letter opening with 'Kính gửi:'")
    assert (record.symbol, record.subject, record.issuer, record.level) == ("2315/BYT-MT", "hướng dẫn cách ly y tế", "Bộ Y tế", "central")
    assert record.province is None  # a ministry: "Hà Nội" is where it was signed
    assert [c.canonical for c in record.citations] == ["15/2022/TT-BYT", "1234/BYT-MT", "99/VPCP-KGVX"]
    assert [c.type for c in record.citations] == ["Thông tư", "Công văn", "Công văn"]
    assert record.recipients == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_number_left_blank_for_hand_filling() -> None:
    (record,) = extract("Số:      /UBND-KGVX\n\nBắc Giang, ngày 02 tháng 8 năm 2021\n\nKính gửi: Sở Y tế\n\nNội dung.")
    assert record.symbol == "/UBND-KGVX"
    assert record.canonical is None
    assert any("blank" in w for w in record.warnings)


@pytest.mark.parametrize(
    ("place_line", "province"),
    [
        ("TP. HCM, ngày 01 tháng 8 năm 2021", "Thành phố Hồ Chí Minh"),
        ("Thừa Thiên - Huế, ngày 01 tháng 8 năm 2021", "Thừa Thiên Huế"),
        ("Hoà Bình, ngày 01 tháng 8 năm 2021", "Hòa Bình"),
        ("Đắc Lắc, ngày 01 tháng 8 năm 2021", "Đắk Lắk"),
        ("Đồng Tháp, ngày 01 tháng 8 năm 2021", "Đồng Tháp"),
    ],
)
def test_province_spelling_variants(place_line: str, province: str) -> None:
    (record,) = extract(f"Số 10-TB/TU\n\n{place_line}\n\nTHÔNG BÁO\nvề việc X\n\nNội dung.")
    assert record.province == province
    assert record.basis_of("province") is not None and record.basis_of("province").startswith("stated")


@pytest.mark.parametrize(
    ("body", "province"),
    [
        ("Hỗ trợ người dân Đồng Tháp trở lại các tỉnh.", "Đồng Tháp"),
        ("Nơi nhận:\n- Báo Bắc Giang, Đài PT-TH tỉnh,\n- Lưu.", "Bắc Giang"),
        ("Đón người Cà Mau về quê từ Thành phố Hồ Chí Minh, Đồng Nai, Bình Dương.", "Cà Mau"),
        ("Phối hợp với các tỉnh Đồng Nai và Bình Dương.", None),  # other provinces are not evidence
        ("Hỗ trợ người dân Đồng Tháp và người dân An Giang.", None),  # a tie is not guessed
    ],
)
def test_inferred_province(body: str, province: str | None) -> None:
    (record,) = extract(f"THÔNG BÁO\nvề việc X\n\n{body}")
    assert record.province == province
    if province:
        assert record.basis_of("province") is not None and record.basis_of("province").startswith("inferred")


@pytest.mark.parametrize(
    ("block", "signer"),
    [
        ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n\nPhan Văn Thắng", {"name": "Phan Văn Thắng", "role": "Phó Bí thư", "capacity": "T/M Ban Thường vụ"}),
        ("**T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG**\n\n**Lê Minh Hoàng**", {"name": "Lê Minh Hoàng", "role": "Chánh Văn phòng", "capacity": "T/L Ban Thường vụ"}),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nNguyễn Văn A", {"name": "Nguyễn Văn A", "role": "Chủ tịch", "capacity": "TM. Ủy ban nhân dân"}),
        ("TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nTrần Thị Bình", {"name": "Trần Thị Bình", "role": "Chánh Văn phòng", "capacity": "TUQ. Chủ tịch"}),
        ("CHÁNH VĂN PHÒNG\n\nNguyễn Minh Nhứt", {"name": "Nguyễn Minh Nhứt", "role": "Chánh Văn phòng", "capacity": None}),
    ],
)
def test_signature_blocks(block: str, signer: dict) -> None:
    (record,) = extract(f"THÔNG BÁO\nvề việc X\n\nNội dung thông báo.\n\n{block}\n")
    assert [s.to_json() for s in record.signers] == [signer]


def test_persons_need_a_title_and_a_family_name() -> None:
    (record,) = extract(
        "THÔNG BÁO\nvề việc X\n\nÝ kiến của đồng chí Nguyễn Tiến Hải, Bí thư Tỉnh ủy, và của Thủ tướng Chính phủ Phạm Minh Chính; "
        "người dân từ Thành phố Hồ Chí Minh trở về."
    )
    assert {p.name: p.title for p in record.persons} == {"Nguyễn Tiến Hải": "Bí thư Tỉnh ủy", "Phạm Minh Chính": "Thủ tướng Chính phủ"}


def test_meeting_date_from_subject_or_opening_sentence() -> None:
    (from_subject,) = extract("THÔNG BÁO\nkết luận tại cuộc họp trực tuyến ngày 03/8/2021\n\nNội dung.")
    (from_opening,) = extract("THÔNG BÁO\nkết luận của Ban Thường vụ\n\nNgày 01/9/2021, đồng chí Bí thư chủ trì Hội nghị trực tuyến. Ngày 02/9/2021 khác.")
    assert (from_subject.meeting_date, from_opening.meeting_date) == ("2021-08-03", "2021-09-01")


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        ("128/NQ-CP", "128/NQ-CP", "state"),
        ("16-CT/TTg", "16/CT-TTg", "state"),
        ("16/CT-TTG", "16/CT-TTg", "state"),
        ("4800/QD-BYT", "4800/QĐ-BYT", "state"),
        ("10/TB-VPTW", "10-TB/VPTW", "party"),
        ("357-CV/TU", "357-CV/TU", "party"),
        ("43-BS/DUK", "43-BS/ĐUK", "party"),
        ("117/2020/ND-CP", "117/2020/NĐ-CP", "state"),
        ("2315/UBND-VX", "2315/UBND-VX", "state"),
    ],
)
def test_symbol_canonical_forms(written: str, canonical: str, kind: str) -> None:
    symbol = parse_symbol(written)
    assert (symbol.canonical, symbol.kind) == (canonical, kind)
