"""The fast scanners agree with the plain patterns they replace.

Extraction speed comes from scanning from literal characters (see ``graphbuild.normalise``):
suffix tests instead of patterns searched from every position, line starts found from the
newline, tries instead of long alternations. Each fast path is checked here, on generated text,
against the plain pattern it replaced, written out as it was.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from graphbuild import normalise as norm
from graphbuild.dates import DATE, NUMERIC_DATE, WORDED_DATE
from graphbuild.extractors import citations, issuers, persons, provinces
from graphbuild.symbols import SYMBOL, find_symbols
from graphbuild.tables import document_types, person_titles, province_spellings, surnames
from graphbuild.tables import issuers as issuer_table
from graphbuild.wording import AtLineStart, alternation, one_line, sentence_bounds

WORDS = [
    "Nghị quyết", "nghị quyết", "NGHỊ QUYẾT", "Nghi quyet", "Chỉ thị", "Thông báo", "Quyết định", "Công văn", "số", "Số", "so", ":",
    "128/NQ-CP", "16-CT/TTg", "23/2021/QĐ-TTg", "10-TB/VPTW", "2315/UBND-VX", "12 / NQ - CP", "1O/TB-TU", "02/KK", "T/M", "V/v",
    "ngày", "11/10/2021", "05 tháng 02 năm 2021", "24/24", "2021", "mẫu", "phụ lục", "Luật", "Bộ luật", "Pháp lệnh", "Phòng, chống",
    "Lời kêu gọi", "LỜI KÊU GỌI", "lời kêu gọi", "của", "đồng chí", "Tổng Bí thư", "Nguyễn Phú Trọng", "Hà Nội", "Đồng Tháp", "Cà Mau",
    "người dân", "người", "tỉnh", "các tỉnh", "Báo", "Đài PT-TH", "Tỉnh ủy", "Văn phòng Tỉnh ủy", "thông báo", "ý kiến", "kết luận",
    "này", "128", "Tỉnh uỷ", "hoà", "khoẻ", "quý", "HOÀ", "Uỷ", "x", "a1", "_", "-", "---", "***", "__", "*", "**", "#", "##",
    " ", " ", "  ", "\t", "\n", "\n", "\n\n", " \n", "-\n", ".", ". ", "!", "?", ";", ",",
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=40).map("".join)
SUFFIXES = st.lists(st.sampled_from(WORDS), max_size=8).map("".join)
EXAMPLES = settings(max_examples=400, deadline=None)


def spans(matches) -> list[tuple[tuple[int, int], tuple]]:  # type: ignore[no-untyped-def]
    return [(m.span(), m.groups()) for m in matches]


@EXAMPLES
@given(TEXTS)
def test_symbols_found_from_slashes_are_those_of_the_pattern(text: str) -> None:
    assert spans(find_symbols(text)) == spans(SYMBOL.finditer(text))


OLD_TYPE_BEFORE = re.compile(rf"(?<!\w)(?P<type>{citations._type_names()})[ \t]+(?:(?:số|so)[ \t]*:?[ \t]*)?$", re.IGNORECASE)


@EXAMPLES
@given(SUFFIXES)
@example("Nghị quyết \n")
@example("Chỉ thị số:\n")
@example("\nLuật ")
@example(".Luật ")
def test_type_before_a_symbol_by_suffix(before: str) -> None:
    old = OLD_TYPE_BEFORE.search(before)
    assert citations.type_before(before) == ((old.start(), old.group("type")) if old else None)


OLD_FORM_CODE = re.compile(r"(?:mẫu|biểu mẫu|phụ lục)[ \t]*(?:số)?[ \t]*$", re.IGNORECASE)


@EXAMPLES
@given(SUFFIXES)
@example("mẫu số \n")
def test_form_code_by_suffix(before: str) -> None:
    assert citations.is_form_code(before) == bool(OLD_FORM_CODE.search(before))


OLD_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|(?=\s))")


def old_sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    lo = max(0, start - limit)
    before = [m.end() for m in OLD_SENTENCE_END.finditer(text, lo, start)]
    after = OLD_SENTENCE_END.search(text, end, min(len(text), end + limit))
    return (before[-1] if before else lo), (after.end() if after else min(len(text), end + limit))


@EXAMPLES
@given(TEXTS, st.integers(0, 400), st.integers(0, 40), st.integers(5, 600))
def test_sentence_bounds_without_a_pattern(text: str, start: int, length: int, limit: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert sentence_bounds(text, start, end, limit=limit) == old_sentence_bounds(text, start, end, limit)


OLD_NAMED_LAW = re.compile(
    r"(?<!\w)(?P<type>Luật|Bộ luật|Pháp lệnh)[ \t]+(?P<name>[A-ZĐ][^.;:()\n\"“”]{2,100}?)"
    r"(?=[ \t]+(?:số|năm|ngày|và|đã|được|quy định|về việc|trong)\b|[.;:()\n\"“”]|$)"
)


@EXAMPLES
@given(TEXTS)
def test_named_laws_and_appeals_found_from_their_literals(text: str) -> None:
    assert spans(citations.find_named_laws(text, 0, len(text))) == spans(OLD_NAMED_LAW.finditer(text))
    assert spans(citations.find_appeals(text, 0, len(text))) == spans(citations._appeal().finditer(text))


OLD_DATE = re.compile(rf"(?<![\d/])(?:{NUMERIC_DATE}|{WORDED_DATE})(?![\d/])", re.IGNORECASE)


@EXAMPLES
@given(TEXTS)
def test_dates_checked_after_their_first_character(text: str) -> None:
    assert spans(DATE.finditer(text)) == spans(OLD_DATE.finditer(text))


LINE_PATTERNS = [r"[ \t]*Số[ \t]*:?[ \t]*", r"[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", r"[ \t]*(?P<t>Thông báo|THÔNG BÁO)[ \t]*$", r"[ \t]*(?:#{1,6}[ \t]+)+"]


@EXAMPLES
@given(TEXTS, st.sampled_from(LINE_PATTERNS), st.integers(0, 50))
def test_line_starts_found_from_the_newline(text: str, pattern: str, start: int) -> None:
    start = min(start, len(text))
    fast = [(m.span(), m.group()) for m in AtLineStart(pattern).finditer(text, start)]
    plain = [(m.span(), m.group()) for m in re.compile("^" + pattern, re.MULTILINE).finditer(text, start)]
    assert fast == plain


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*province_spellings(), *surnames(), *person_titles()]), min_size=1, max_size=30), TEXTS)
def test_a_trie_matches_what_the_alternation_matches(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    trie = re.compile(alternation(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def old_cued_mentions(text: str) -> list[tuple[int, int]]:
    cues = r"người dân|nhân dân|đồng bào|người|Báo|Đài Phát thanh và Truyền hình|Đài PT-TH|(?<!các )tỉnh|Tỉnh ủy|Đảng bộ tỉnh|quê hương"
    spellings = "|".join(re.escape(s) for s in sorted(province_spellings(), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?P<cue>{cues})[ \t]+(?P<province>{spellings})(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


@EXAMPLES
@given(TEXTS)
def test_province_cues_found_from_their_first_words(text: str) -> None:
    assert [m.span() for m in provinces.cued_mentions(text, 0, len(text))] == old_cued_mentions(text)


def old_announcements(text: str) -> list[tuple[int, int, str]]:
    names = sorted({n for i in issuer_table() for n in (i.name, *i.aliases)}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?P<name>" + "|".join(map(re.escape, names)) + r")[ \t]+thông báo[ \t]+(?:ý kiến|kết luận|nội dung)")
    return [(m.start(), m.end(), m.group("name")) for m in pattern.finditer(text)]


@EXAMPLES
@given(TEXTS)
@example(".UBND tỉnh thông báo kết luận")
def test_announcements_found_from_their_words(text: str) -> None:
    assert [(a.start, a.end, a.name) for a in issuers.announcements(text, 0, len(text))] == old_announcements(text)


OLD_TITLE_BEFORE = re.compile(rf"(?<!\w)(?P<title>{'|'.join(re.escape(t) for t in person_titles())})[ \t]+$")


@EXAMPLES
@given(TEXTS, st.integers(0, 40))
@example("Tham dự có đồng chí \n", 30)
def test_title_before_a_name_by_suffix(text: str, back: int) -> None:
    pos = len(text)
    old = OLD_TITLE_BEFORE.search(text, max(0, pos - back), pos)
    assert persons.title_before(text, max(0, pos - back), pos) == ((old.start(), old.group("title")) if old else None)


@EXAMPLES
@given(TEXTS, st.sampled_from([t.name for t in document_types()]))
def test_later_mentions_in_one_scan(text: str, doc_type: str) -> None:
    plain = [
        re.compile(
            rf"{re.escape(spelling)}(?<!\w.{{{len(doc_type)}}})[ \t]+"
            rf"(?:(?:số[ \t]+)?(?P<number>\d{{1,5}})(?![\d/\w-])|(?P<this>này|nói trên)(?!\w))"
        )
        for spelling in dict.fromkeys((doc_type, doc_type[0].lower() + doc_type[1:]))
    ]
    expected = [(m.start(), m.end(), int(m.group("number")) if m.group("number") else None) for p in plain for m in p.finditer(text)]
    assert [(m.start, m.end, m.number) for m in citations.later_mentions(text, 0, len(text), doc_type)] == expected


# -- normalising steps ------------------------------------------------------------------------

OLD_STEPS = {
    "rule lines": (norm._rule_lines, re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE), ""),
    "heading marks": (norm._heading_marks, re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)+", re.MULTILINE), ""),
    "trailing spaces": (norm._trailing_spaces, re.compile(r" +\n"), "\n"),
}


@EXAMPLES
@given(TEXTS, st.sampled_from(sorted(OLD_STEPS)))
def test_normalising_steps_do_what_the_plain_substitutions_did(text: str, step: str) -> None:
    fast, pattern, replacement = OLD_STEPS[step]
    assert fast(text)[0] == pattern.sub(replacement, text)


def old_emphasis(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        glued = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
        if match.group(0).startswith("_") and glued:
            return match.group(0)
        return "\n" if glued else ""

    return re.sub(r"[*_](?:(?<=\*)\**|_+)", replace, text)


@EXAMPLES
@given(TEXTS)
def test_emphasis_scanned_from_stars_and_underscores(text: str) -> None:
    assert norm._emphasis(text)[0] == old_emphasis(text)


OLD_TONE = re.compile(r"[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?!\w)(?<=[oOuU].)(?<![qQ]..)")


def old_tone_placement(text: str) -> str:
    import unicodedata

    chars = list(text)
    for match in OLD_TONE.finditer(text):
        pos = match.start()
        if (text[pos] in "ỳýỷỹỵỲÝỶỸỴ") != (text[pos - 1] in "uU"):
            continue
        decomposed = unicodedata.normalize("NFD", text[pos])
        chars[pos - 1] = unicodedata.normalize("NFC", text[pos - 1] + decomposed[1:])
        chars[pos] = decomposed[0]
    return "".join(chars)


@EXAMPLES
@given(TEXTS)
def test_tone_marks_moved_from_four_literal_scans(text: str) -> None:
    assert norm.unify_tone_placement(text) == old_tone_placement(text)


def old_page_breaks(text: str) -> str:
    edits: list[tuple[int, int, str]] = []
    for match in re.finditer(r"\n(?:[ \t]*\n)+[ \t]*", text):
        start, end = match.span()
        if end >= len(text) or start == 0 or not text[start - 1].isalnum():
            continue
        word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        word_after = re.compile(r"\w+").match(text, end)
        if word_after and text[word_start:start] == word_after.group(0):
            edits.append((word_start, end, ""))
        elif text[end].islower() and not norm._is_heading(norm._line_before(text, start)):
            edits.append((start, end, " "))
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


@EXAMPLES
@given(TEXTS)
def test_page_breaks_looked_at_only_after_a_word(text: str) -> None:
    assert norm._page_breaks(text)[0] == old_page_breaks(text)


@EXAMPLES
@given(st.text(alphabet=" \t\n\r\x0b\x1c\x85\u00a0\u2028\u3000aệ.", max_size=30))
def test_one_line_as_split_and_join(text: str) -> None:
    assert one_line(text) == " ".join(text.split())


OLD_FAMILY_NAME = re.compile(rf"(?:{'|'.join(re.escape(n) for n in sorted(surnames(), key=len, reverse=True))})(?= [^\W\d_])")


@EXAMPLES
@given(TEXTS, st.integers(0, 30))
def test_family_names_found_by_the_keyword_pass(text: str, start: int) -> None:
    start = min(start, len(text))
    assert persons.family_names(text, start, len(text)) == [m.start() for m in OLD_FAMILY_NAME.finditer(text, start)]


def test_no_family_name_starts_another_and_each_is_one_capitalised_word() -> None:
    # What finding them from one keyword pass relies on: two family names never overlap.
    names = sorted(surnames())
    assert not [(a, b) for a in names for b in names if a != b and b.startswith(a)]
    assert all(" " not in n and n[0].isupper() and n[1:] == n[1:].lower() for n in names)


@EXAMPLES
@given(st.text(alphabet="aàâăđơưêÀÂĂĐƠƯẠạếỆ©±¼\u0080\u00ffxyz \n\ud800", max_size=60))
def test_latin1_glyphs_counted_from_utf8_lead_bytes(text: str) -> None:
    # Latin-1 letters and signs (legacy fonts reuse them for Vietnamese letters), as they were counted.
    legacy_glyphs = re.compile(r"[\u0080-\u00ff]")
    utf8 = text.encode("utf-8", "surrogatepass")
    assert utf8.count(b"\xc2") + utf8.count(b"\xc3") == len(legacy_glyphs.findall(text))
