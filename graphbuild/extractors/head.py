"""The document's own head: type, number and symbol, place and date, subject, meeting date.

Vietnamese notices put these in a fixed order (Nghị định 30/2020/NĐ-CP): letterhead and
``Số …`` on the left, ``<Place>, ngày … tháng … năm …`` on the right, then the type in
capitals (``THÔNG BÁO``) and the subject (trích yếu) beneath it; letters (công văn) have no
type heading, a ``V/v …`` subject and a ``Kính gửi:`` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graphbuild.dates import DATE, date_from_match, iso_date
from graphbuild.symbols import BLANK_NUMBER_SYMBOL, SYMBOL, Symbol, compact, symbol_from_match
from graphbuild.tables import document_types
from graphbuild.wording import is_capitals, lines_with_offsets, recase, sentence_bounds

# "Số 274-TB/TU", "Số: 05/QĐ-UBND", "Số:      /UBND-KGVX"
NUMBER_LINE = re.compile(r"^[ \t]*Số[ \t]*:?[ \t]*", re.MULTILINE)
# "Điện Biên, ngày 04 tháng 8 năm 2021"
PLACE_DATE = re.compile(
    r"^[ \t]*(?P<place>[^\W\d][^\n,]{1,40}?),[ \t]*ngày[ \t]+(?P<d>\d{1,2})[ \t]+tháng[ \t]+(?P<m>\d{1,2})[ \t]+năm[ \t]+(?P<y>\d{4})",
    re.MULTILINE,
)
# "Kính gửi: - Các đảng đoàn …"
GREETING = re.compile(r"^[ \t]*Kính[ \t]+gửi[ \t]*:", re.MULTILINE | re.IGNORECASE)
# "V/v tăng cường công tác phòng, chống dịch"
LETTER_SUBJECT = re.compile(r"^[ \t]*(?:V/v|Về việc)[ \t:]+(?P<subject>.+)$", re.MULTILINE)
MEETING = r"hội nghị|cuộc họp|buổi làm việc|phiên họp|kỳ họp|\bhọp\b"
MEETING_WORDS = re.compile(MEETING, re.IGNORECASE)
# The same words, to search a lowered copy of the text (faster than ignoring case).
MEETING_WORDS_LOWER = re.compile(MEETING)


@cache
def _type_heading() -> re.Pattern[str]:
    names = sorted((t.name.upper() for t in document_types()), key=len, reverse=True)
    return re.compile(r"^[ \t]*(?P<type>" + "|".join(map(re.escape, names)) + r")[ \t]*$", re.MULTILINE)


@dataclass
class Head:
    type: str | None = None
    type_basis: str | None = None
    symbol: Symbol | None = None
    symbol_text: str | None = None
    symbol_span: tuple[int, int] | None = None
    place: str | None = None
    place_span: tuple[int, int] | None = None
    place_line: str | None = None
    date: str | None = None
    subject: str | None = None
    meeting_date: str | None = None
    body_start: int = 0
    greeting_span: tuple[int, int] | None = None


def _first_long_paragraph(text: str, start: int, end: int) -> int:
    for line_start, _, line in lines_with_offsets(text, start, end):
        if len(line) > 150 and not is_capitals(line):
            return line_start
    return end


def find_head(text: str, start: int, end: int, *, copy_kind: str | None = None) -> Head:
    head = Head(body_start=start)
    limit = _first_long_paragraph(text, start, end)
    heading = _type_heading().search(text, start, limit)
    if copy_kind:
        head.type, head.type_basis = copy_kind, "stated"
    elif heading:
        head.type, head.type_basis = recase(heading.group("type")), "stated"
    for match in NUMBER_LINE.finditer(text, start, limit):
        symbol = SYMBOL.match(text, match.end(), limit)
        if symbol:
            head.symbol = symbol_from_match(symbol)
            head.symbol_text = compact(symbol.group(0))
            head.symbol_span = symbol.span()
            break
        unnumbered = BLANK_NUMBER_SYMBOL.match(text, match.end() - 1, limit)
        if unnumbered:
            head.symbol_text = "/" + compact(unnumbered.group(0).split("/", 1)[1])
            head.symbol_span = unnumbered.span()
            break
    place = PLACE_DATE.search(text, start, limit if limit > start else end)
    if place:
        head.place = place.group("place").strip()
        head.place_span = place.span("place")
        head.place_line = place.group(0).strip()
        head.date = iso_date(place.group("d"), place.group("m"), place.group("y"))
    body_start = max(start, (place.end() if place else start), (head.symbol_span[1] if head.symbol_span else start))
    if heading and not copy_kind:
        subject_start = heading.end()
        while subject_start < end and text[subject_start] in " \t\n":
            subject_start += 1
        blank = text.find("\n\n", subject_start, end)
        subject_end = blank if blank >= 0 else end
        lines = [line.strip() for line in text[subject_start:subject_end].split("\n") if line.strip()]
        if lines:
            head.subject = " ".join(recase(line) if is_capitals(line) else line for line in lines)
            head.subject = re.sub(r"\s+", " ", head.subject)
            head.subject = head.subject[0].upper() + head.subject[1:] if is_capitals(lines[0]) else head.subject
        body_start = max(body_start, subject_end)
    greeting = GREETING.search(text, start, limit + 200 if limit < end else end)
    if greeting:
        head.greeting_span = greeting.span()
        if head.type is None:
            head.type, head.type_basis = "Công văn", "inferred: a letter opening with 'Kính gửi:'"
        blank = text.find("\n\n", greeting.end(), end)
        body_start = max(body_start, blank if blank >= 0 else greeting.end())
        if head.subject is None:
            letter_subject = LETTER_SUBJECT.search(text, start, greeting.start())
            if letter_subject:
                head.subject = letter_subject.group("subject").strip()
    if head.type is None and head.symbol and head.symbol.type_name:
        head.type, head.type_basis = head.symbol.type_name, f"inferred from the symbol {head.symbol.canonical}"
    head.body_start = body_start
    head.meeting_date = _meeting_date(text, head, end)
    return head


def _meeting_date(text: str, head: Head, end: int) -> str | None:
    """The date of the meeting a notice reports: in its subject, or in its opening sentence."""
    if head.subject and MEETING_WORDS.search(head.subject):
        match = DATE.search(head.subject)
        if match:
            return date_from_match(match)
    # The first sentence that mentions a meeting and a date, within the opening of the body.
    window_end = min(end, head.body_start + 1500)
    lowered = text[head.body_start : window_end].lower()
    if len(lowered) != window_end - head.body_start:  # lower() changed lengths (rare letters): search as written
        found = [(m.start(), m.end()) for m in MEETING_WORDS.finditer(text, head.body_start, window_end)]
    else:
        found = [(head.body_start + m.start(), head.body_start + m.end()) for m in MEETING_WORDS_LOWER.finditer(lowered)]
    for meeting_start, meeting_end in found:
        sentence_start, sentence_end = sentence_bounds(text, meeting_start, meeting_end, limit=400)
        sentence = re.split(r"(?<=[;])\s", text[sentence_start:sentence_end])
        for part in sentence:
            if MEETING_WORDS.search(part):
                match = DATE.search(part)
                if match:
                    return date_from_match(match)
    return None
