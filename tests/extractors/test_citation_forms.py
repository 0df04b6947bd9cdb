"""Citations as real documents write them: table-driven cases (text → what is cited)."""

from __future__ import annotations

import pytest

from graphbuild import extract

HEAD = "UBND TỈNH QUẢNG NAM\nSỞ Y TẾ\nSố: 1/SYT-NVY\n\nQuảng Nam, ngày 05 tháng 10 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\n"


def cited(sentence: str, *, ocr: bool = False) -> list[tuple[str | None, str | None, str | None, str | None]]:
    (record,) = extract(HEAD + sentence + "\n", ocr=ocr)
    return [(c.canonical, c.type, c.date, c.issuer) for c in record.citations]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # units joined by "&" and listed with commas
        ("Thực hiện Công văn số 123/PYT&MT ngày 02/9/2021.", [("123/PYT&MT", "Công văn", "2021-09-02", None)]),
        ("Thực hiện Công văn số 456/SYT-NVY,KHTC ngày 02/9/2021.", [("456/SYT-NVY,KHTC", "Công văn", "2021-09-02", "Sở Y tế")]),
        # Party symbols with spaces around the hyphen
        ("Thực hiện Chương trình số 12 - CTr/TU ngày 02/9/2021 của Tỉnh ủy.", [("12-CTr/TU", "Chương trình", "2021-09-02", "Tỉnh ủy")]),
        # a company's letter, a date-coded number named by "văn bản số"
        ("Theo Công văn số 15/2021/CV-ABC ngày 02/9/2021.", [("15/2021/CV-ABC", "Công văn", "2021-09-02", None)]),
        ("Theo văn bản số 150621/XYZ ngày 15/6/2021.", [("150621/XYZ", "Công văn", "2021-06-15", None)]),
        # a symbol without its type code; a type and issuer that lost their hyphen
        ("Theo Thông tư 05/2012-BGDĐT ngày 15/02/2012.", [("05/2012/BGDĐT", "Thông tư", "2012-02-15", "Bộ Giáo dục và Đào tạo")]),
        ("Theo Thông tư 48/2011/TTBGDĐT ngày 15/02/2011.", [("48/2011/TT-BGDĐT", "Thông tư", "2011-02-15", "Bộ Giáo dục và Đào tạo")]),
        # an official's title before the issuer; two issuers of a joint circular
        ("Thực hiện Thông tư số 15/2021/TT-BYT ngày 02/9/2021 của Bộ trưởng Bộ Y tế.", [("15/2021/TT-BYT", "Thông tư", "2021-09-02", "Bộ Y tế")]),
        (
            "Theo Thông tư liên tịch số 08/2007/TTLT-BYT-BNV ngày 05/6/2007 của Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Nội vụ.",
            [("08/2007/TTLT-BYT-BNV", "Thông tư liên tịch", "2007-06-05", "Bộ Y tế và Bộ trưởng Bộ Nội vụ")],
        ),
        # the issuer stated before the document
        ("Xét đề nghị của Sở Nội vụ tại Tờ trình số 512/TTr-SNV ngày 27/9/2021.", [("512/TTr-SNV", "Tờ trình", "2021-09-27", "Sở Nội vụ")]),
        # a law named before its number, then again by name: one document
        (
            "Thực hiện Luật tiếp công dân số 42/2013/QH13 ngày 25/11/2013 và các văn bản hướng dẫn Luật Tiếp công dân.",
            [("42/2013/QH13", "Luật", "2013-11-25", "Quốc hội")],
        ),
        # laws by name and date, amending laws, the Constitution
        ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;", [(None, "Luật", "2007-11-21", None)]),
        (
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
            [(None, "Luật", "2019-11-22", None)],
        ),
        ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", [(None, "Hiến pháp", None, None)]),
        ("Hoạt động trong khuôn khổ Hiến pháp và pháp luật.", []),
        ("Thực hiện Bộ Luật lao động và Bộ luật hình sự hiện hành.", [(None, "Bộ luật", None, None), (None, "Bộ luật", None, None)]),
        # not citations: forms, the document's own number
        ("Người dân khai báo theo mẫu số 02/ĐK.", []),
        ("Thông báo số 1/SYT-NVY này thay thế các thông báo trước.", []),
    ],
)
def test_citation_forms(sentence: str, expected: list[tuple[str | None, str | None, str | None, str | None]]) -> None:
    assert cited(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "canonical", "date", "uncertain"),
    [
        ("Thực hiện Nghị quyết số l28/NQ-CP ngày 11/10/2021 của Chính phủ.", "128/NQ-CP", "2021-10-11", False),
        ("Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2O2O của Thủ tướng Chính phủ.", "16/CT-TTg", "2020-03-31", True),
        ("Theo Công văn số 9028-CW/VPTW ngày 11/3/2019 của Văn phòng Trung ương Đảng.", "9028-CV/VPTW", "2019-03-11", False),
        ("Theo Thông tư số 26/2016/TT-BGDĐT ngày30/ 12/2016 của Bộ Giáo dục và Đào tạo.", "26/2016/TT-BGDĐT", "2016-12-30", False),
    ],
)
def test_ocr_noise_is_read_soundly_and_marked(sentence: str, canonical: str, date: str, uncertain: bool) -> None:
    (record,) = extract(HEAD + sentence + "\n", ocr=True)
    (citation,) = record.citations
    assert (citation.canonical, citation.date, citation.uncertain) == (canonical, date, uncertain)
    assert citation.corrected == (sentence.count("O") + sentence.count("l2") + sentence.count("CW") > 0)
    assert citation.as_written in sentence  # as OCR wrote it


def test_ocr_corrections_only_for_ocr_text() -> None:
    assert cited("Thực hiện Nghị quyết số l28/NQ-CP ngày 11/10/2021 của Chính phủ.") == []
