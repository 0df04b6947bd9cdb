"""Finding citations: forms, context, relations, mentions, and the traps that are not citations."""

from __future__ import annotations

import unicodedata

import pytest

from graphbuild import extract
from tests.factories import citations, cite, notice

# (text, canonical, type, date, issuer, level)
CITATION_FORMS = [
    ("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ.", "128/NQ-CP", "Nghị quyết", "2021-10-11", "Chính phủ", "central"),
    ("Theo Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ.", "16/CT-TTg", "Chỉ thị", None, "Thủ tướng Chính phủ", "central"),
    ("Theo Quyết định số 4800/QD-BYT ngày 12/10/2021.", "4800/QĐ-BYT", "Quyết định", "2021-10-12", "Bộ Y tế", "central"),
    ("Thực hiện Thông báo số 10-TB/VPTW ngày 24/8/2021 của Văn phòng Trung ương Đảng.", "10-TB/VPTW", "Thông báo", "2021-08-24", "Văn phòng Trung ương Đảng", "central"),
    ("Theo Thông báo số 105-TB/TU, ngày 05 tháng 02 năm 2021 của Ban Thường vụ Tỉnh uỷ.", "105-TB/TU", "Thông báo", "2021-02-05", "Ban Thường vụ Tỉnh ủy", "provincial"),
    ("Theo Quyết định số 23/2021/QĐ-TTg ngày 07/7/2021.", "23/2021/QĐ-TTg", "Quyết định", "2021-07-07", "Thủ tướng Chính phủ", "central"),
    ("Theo Công văn số 2315/UBND-VX ngày 02/8/2021 của UBND tỉnh.", "2315/UBND-VX", "Công văn", "2021-08-02", "Ủy ban nhân dân tỉnh", "provincial"),
    ("Căn cứ Luật số 03/2007/QH12 ngày 21/11/2007.", "03/2007/QH12", "Luật", "2007-11-21", "Quốc hội", "central"),
    ("Căn cứ Nghị định số 117/2020/ND-CP ngày 28/9/2020 của Chính phủ.", "117/2020/NĐ-CP", "Nghị định", "2020-09-28", "Chính phủ", "central"),
    ("Theo Kế hoạch số 5548/KH-UBND ngày 23/10/2021 của UBND tỉnh.", "5548/KH-UBND", "Kế hoạch", "2021-10-23", "Ủy ban nhân dân tỉnh", "provincial"),
    ("Theo Công điện số 1099/CĐ-TTg ngày 02/8/2021 của Thủ tướng Chính phủ.", "1099/CĐ-TTg", "Công điện", "2021-08-02", "Thủ tướng Chính phủ", "central"),
    # OCR noise: spaces inside the symbol, a digit read as a letter, diacritics lost
    ("Thực hiện Nghị quyết số 128 /NQ- CP ngày 11/10/2021 của Chính phủ.", "128/NQ-CP", "Nghị quyết", "2021-10-11", "Chính phủ", "central"),
    ("Theo Thông báo số 1O5-TB/TU ngày 05/02/2021.", "105-TB/TU", "Thông báo", "2021-02-05", "Tỉnh ủy", "provincial"),
    ("Thuc hien Nghi quyet so 128/NQ-CP ngay 11/10/2021.", "128/NQ-CP", "Nghị quyết", None, "Chính phủ", "central"),
    # stray markdown around a citation
    ("Thực hiện **Nghị quyết số 128/NQ-CP** ngày 11/10/2021 của Chính phủ.", "128/NQ-CP", "Nghị quyết", "2021-10-11", "Chính phủ", "central"),
]


@pytest.mark.parametrize(("text", "canonical", "doc_type", "date", "issuer", "level"), CITATION_FORMS)
def test_citation_forms(text: str, canonical: str, doc_type: str, date: str | None, issuer: str, level: str) -> None:
    citation = cite(text)
    assert (citation.canonical, citation.type, citation.date, citation.issuer, citation.level) == (
        canonical, doc_type, date, issuer, level,
    )


def test_nfd_text_gives_the_same_citations() -> None:
    text = "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ; theo Công văn số 357-CV/TU của Ban Thường vụ Tỉnh uỷ."
    nfc = [(c.canonical, c.issuer) for c in citations(text)]
    nfd = [(c.canonical, c.issuer) for c in citations(unicodedata.normalize("NFD", text))]
    assert nfc == nfd == [("128/NQ-CP", "Chính phủ"), ("357-CV/TU", "Ban Thường vụ Tỉnh ủy")]


def test_ocr_digit_fix_is_flagged() -> None:
    assert any("OCR" in w for w in cite("Theo Thông báo số 1O5-TB/TU.").warnings)


NOT_CITATIONS = [
    "Số ca nhiễm Covid-19 tăng nhanh.",
    "Nhất là trong kỳ nghỉ lễ Quốc khánh 02/9.",
    "Tổ chức khai giảng năm học 2021 - 2022.",
    "6.1. Sở Lao động - Thương binh và Xã hội chủ trì.",
    "Tách F0, F1 ra khỏi cộng đồng; xét nghiệm RT-PCR.",
    "Người khai báo theo mẫu số 02/KK.",
    "Xác định “5k + vắc xin + công nghệ” là nhiệm vụ; thực hiện “4 tại chỗ”.",
    "Dập dịch trong thời gian từ 7 đến 10 ngày.",
    "Thực hiện các văn bản chỉ đạo của Trung ương và hướng dẫn của Bộ Y tế.",
    "Yêu cầu các cấp ủy thực hiện nghiêm Thông báo này.",
    "Phân công lực lượng ứng trực 24/24.",
    "Lưu Văn phòng Tỉnh uỷ + PTH + PKT-XH (1).",
    "Nghị quyết 128 sẽ được triển khai.",  # a short form with no full citation is not a document
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_traps_are_not_citations(text: str) -> None:
    assert citations(text) == []


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021.", "legal_basis"),
        ("Trên cơ sở Nghị quyết số 128/NQ-CP ngày 11/10/2021.", "legal_basis"),
        ("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021.", "implements"),
        ("Tiếp tục triển khai Nghị quyết số 128/NQ-CP.", "implements"),
        ("Hỗ trợ người dân theo Nghị quyết số 68/NQ-CP.", "refers"),
        ("Quyết định này sửa đổi Quyết định số 03/QĐ-UBND ngày 01/02/2021.", "amends"),
        ("Quyết định này thay thế Quyết định số 03/QĐ-UBND ngày 01/02/2021.", "replaces"),
        ("Bãi bỏ Quyết định số 03/QĐ-UBND ngày 01/02/2021.", "repeals"),
        ("Thông tư này hướng dẫn thi hành Nghị định số 117/2020/NĐ-CP.", "guides"),
        ("Nghị quyết số 128/NQ-CP là văn bản quan trọng.", "refers"),
        ("Phúc đáp Công văn số 1189/SNV-TCBC ngày 29/8/2021 của Sở Nội vụ.", "replies"),
        ("Trả lời Công văn số 1189/SNV-TCBC ngày 29/8/2021 của Sở Nội vụ, Sở Y tế có ý kiến như sau.", "replies"),
        ("Quyết định này đính chính Quyết định số 03/QĐ-UBND ngày 01/02/2021.", "corrects"),
        ("Văn bản này hợp nhất Thông tư số 03/2021/TT-BYT ngày 01/02/2021.", "consolidates"),
        # a change made to something else than the document cited after it
        ("Các tỉnh được hợp nhất, sáp nhập theo phương án tại Nghị quyết số 202/2025/QH15.", "refers"),
        # "Căn cứ" grounds the document only where it opens a line of the preamble, not inside a sentence
        ("Nhà trường bố trí thời gian nghỉ (căn cứ Quyết định số 66/2008/QĐ-BGDĐT ngày 02/12/2008).", "refers"),
        ("3. Căn cứ kế hoạch năm học, Hiệu trưởng bố trí theo Thông tư số 48/2011/TT-BGDĐT.", "refers"),
        ("Căn cứ quy định tại khoản 5 Điều 1 Nghị định số 137/2018/NĐ-CP ngày 08/10/2018.", "legal_basis"),
        ("Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 120/TTr-SYT ngày 04/02/2021.", "refers"),
    ],
)
def test_relations_from_cue_words(text: str, relation: str) -> None:
    assert cite(text).relation == relation


def test_a_list_of_grounds_shares_its_cue_and_a_title_only_mentions() -> None:
    text = (
        "Căn cứ Nghị định số 177/2013/NĐ-CP ngày 14/11/2013 của Chính phủ quy định chi tiết Luật giá; "
        "Nghị định số 149/2016/NĐ-CP ngày 11/11/2016 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 123/2013/NĐ-CP;\n"
        "Điều 7 Thông tư số 152/2015/TT-BTC ngày 02/10/2015 hướng dẫn về thuế tài nguyên;\n"
        "Thực hiện Luật Khiếu nại số 02/2011/QH13 ngày 11/11/2011, Luật Tố cáo số 25/2018/QH14 ngày 12/6/2018 và Công điện số 1234/CĐ-TTg, "
        "Sở Y tế thông báo như sau."
    )
    found = {c.canonical: c for c in citations(text)}
    assert {k: c.relation for k, c in found.items()} == {
        "177/2013/NĐ-CP": "legal_basis", "149/2016/NĐ-CP": "legal_basis", "123/2013/NĐ-CP": "refers",  # (inside 149's title)
        "152/2015/TT-BTC": "legal_basis", "02/2011/QH13": "implements", "25/2018/QH14": "implements", "1234/CĐ-TTg": "implements",
    }
    assert found["177/2013/NĐ-CP"].relation_cue == found["149/2016/NĐ-CP"].relation_cue == "Căn cứ"  # (the list's cue)
    assert found["123/2013/NĐ-CP"].relation_cue is None


def test_a_document_cited_in_several_roles_takes_the_strongest() -> None:
    text = "Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ;\nCác cấp quán triệt sâu sắc tinh thần Nghị quyết 128."
    (found,) = citations(text)
    assert (found.relation, found.relation_all, found.mentions) == ("legal_basis", ["legal_basis", "implements"], 2)


def test_a_letter_received_from_an_addressee_is_answered() -> None:
    head = "SỞ TƯ PHÁP\nSố: 12/STP-HCTP\nV/v góp ý\n\nĐà Lạt, ngày 04 tháng 8 năm 2021\n\nKính gửi: Sở Nội vụ\n\n"
    asked = head + "Sở Tư pháp nhận được Công văn số 1189/SNV-TCBC ngày 29/7/2021 của Sở Nội vụ về việc góp ý dự thảo.\n"
    reported = asked.replace("Kính gửi: Sở Nội vụ", "Kính gửi: Sở Y tế")
    assert [c.relation for c in extract(asked)[0].citations] == ["replies"]
    assert [c.relation for c in extract(reported)[0].citations] == ["refers"]


def test_short_mentions_count_toward_the_full_citation() -> None:
    citation = cite("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ. Nghị quyết 128 yêu cầu; Nghị quyết số 128 nêu rõ.")
    assert citation.mentions == 3
    assert len(citation.spans) == 3


def test_this_directive_is_a_mention_of_the_one_cited_directive() -> None:
    citation = cite("Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020. Các địa phương quán triệt Chỉ thị này.")
    assert citation.mentions == 2


def test_a_symbol_written_twice_is_one_citation() -> None:
    citation = cite("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 và hướng dẫn thực hiện Nghị quyết số 128/NQ-CP của Chính phủ.")
    assert citation.mentions == 2
    assert citation.as_written == "Nghị quyết số 128/NQ-CP ngày 11/10/2021"


def test_variants_of_one_document_share_a_canonical_symbol_and_uid() -> None:
    found = citations("Theo Chỉ thị số 16-CT/TTg; Chỉ thị 16/CT-TTg; Chỉ thị số 16/CT-TTG của Thủ tướng Chính phủ.")
    assert len(found) == 1
    assert found[0].mentions == 3
    assert found[0].uid == "16/CT-TTg@2020"


def test_unnumbered_citations() -> None:
    found = citations(
        "Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007; "
        "thực hiện Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng gửi đồng bào cả nước."
    )
    law, appeal = found
    assert (law.type, law.as_written, law.date, law.uid) == ("Luật", "Luật Phòng, chống bệnh truyền nhiễm", "2007-11-21", "03/2007/QH12@2007")
    assert (appeal.type, appeal.issuer, appeal.level) == ("Lời kêu gọi", "Tổng Bí thư Nguyễn Phú Trọng", "central")
    assert appeal.as_written == "Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng gửi đồng bào cả nước"


def test_a_law_the_reference_table_knows_ends_with_its_name() -> None:
    # Law names hold commas, so a sentence going on after one must not become part of it.
    law = cite("Thực hiện Luật Phòng, chống bệnh truyền nhiễm, các cấp, các ngành triển khai đồng bộ.")
    assert (law.as_written, law.uid, law.relation) == ("Luật Phòng, chống bệnh truyền nhiễm", "03/2007/QH12@2007", "implements")
    other = cite("Căn cứ Luật Tổ chức chính quyền địa phương.")
    assert other.as_written == "Luật Tổ chức chính quyền địa phương" and other.uid.startswith("named:")


def test_conflicting_issuer_is_kept_as_written_with_a_warning() -> None:
    citation = cite("Theo Nghị quyết số 68/NQ-CP, ngày 01/7/2021 của Thủ tướng Chính phủ.")
    assert citation.issuer == "Thủ tướng Chính phủ"
    assert citation.warnings and "Chính phủ" in citation.warnings[0]


def test_conflicting_type_is_flagged() -> None:
    citation = cite("Theo Chỉ thị số 128/NQ-CP ngày 11/10/2021.")
    assert citation.type == "Chỉ thị"
    assert any("Nghị quyết" in w for w in citation.warnings)


def test_local_citations_take_the_citing_province_and_central_ones_do_not() -> None:
    local, central = citations("Theo Công văn số 357-CV/TU ngày 19/7/2021 và Nghị quyết số 128/NQ-CP ngày 11/10/2021.")
    assert (local.province, local.uid) == ("Điện Biên", "11:357-CV/TU@2020-2025")
    assert (central.province, central.uid) == (None, "128/NQ-CP@2021")


def test_local_citation_in_a_notice_of_unknown_province_stays_unresolved() -> None:
    record = notice("Theo Công văn số 357-CV/TU ngày 19/7/2021.", head="THÔNG BÁO\nvề việc X\n\n")
    (citation,) = record.citations
    assert record.province is None
    assert citation.uid is not None and citation.uid.startswith("unresolved:")


def test_sentence_and_spans_are_kept() -> None:
    citation = cite("Mở đầu. Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, tỉnh triển khai. Hết.")
    assert citation.sentence == "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, tỉnh triển khai."
