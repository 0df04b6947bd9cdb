"""The document's own head: type, number and symbol, place and date, subject, meeting date.

Vietnamese notices put these in a fixed order (Nghị định 30/2020/NĐ-CP): letterhead and
``Số …`` on the left, ``<Place>, ngày … tháng … năm …`` on the right, then the type in
capitals (``THÔNG BÁO``) and the subject (trích yếu) beneath it; letters (công văn) have no
type heading, a ``V/v …`` subject and a ``Kính gửi:`` line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from graphbuild.dates import DATE, date_from_match, iso_date
from graphbuild.normalise import place_name_start
from graphbuild.symbols import BLANK_NUMBER_SYMBOL, SYMBOL, Symbol, compact, symbol_from_match
from graphbuild.tables import document_types, fold, type_by_name
from graphbuild.wording import AtLineStart, LineMatch, alternation, is_capitals, recase, sentence_bounds

# "Số 274-TB/TU", "Số: 05/QĐ-UBND", "Số:      /UBND-KGVX"; "So: 05/QĐ-UBND" typed or read without its marks
# (OCR may leave a mark or two of a stamp before it: "z)          Số:445 /CV-PA83")
NUMBER_LINE = AtLineStart(r"[ \t]*(?:\S{1,3}[ \t]{2,})?S[ốoóòôỐO][ \t]*:?[ \t]*")
# An incoming-mail stamp ("CÔNG VĂN ĐẾN", "ĐẾN") just before a "Số:" line
INCOMING_STAMP = re.compile(r"ĐẾN\b|Đến[ \t]*\n|ĐẾN[ \t]*:")
# "Điện Biên, ngày 04 tháng 8 năm 2021", in the shapes real files give it:
#   "Lâm Đồng, ngày      15 tháng 6 năm 2021"   the day stamped by e-signature software after a run of spaces
#   "Lâm Đồng, ngày      tháng 4 năm 2026"      the day left blank (the stamp gives it: see SIGNING_TIME)
#   "Hà Nội, ngày\n15 tháng 6 năm 2021"         the day on the next line
#   "Lâm Đồng, ngày24 tháng 10 nm 2025"         OCR: no space, a vowel lost; "háng" for "tháng" (a typing slip)
PLACE_DATE = AtLineStart(
    r"[ \t]*(?P<place>[^\W\d][^\n,]{1,40}?),[ \t]*ng[àa]y[ \t]*\n?[ \t]*(?P<d>\d{1,2})?[ \t]*t?h[áa]ng[ \t]*(?P<m>\d{1,2})[ \t]+"
    r"n[ăaàâ]?m[ \t]*(?P<y>\d{4})"
)
# The time an e-signature stamp gives: "Thời gian ký: 06.07.2020 10:07:47 +07:00", "… 2025-08-20T15:14:49+07:00"
SIGNING_TIME = re.compile(
    r"Thời[ \t]+gian[ \t]+ký[ \t]*:[ \t\n]*(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
)
# A certified copy's stamp ("SAO Y; CÔNG AN TỈNH …; Thời gian ký: …") dates the copy, not the document.
COPY_STAMP = re.compile(r"SAO[ \t]+(?:Y|LỤC)\b")
# "Kính gửi: - Các đảng đoàn …"
GREETING = AtLineStart(r"[ \t]*Kính[ \t]+gửi[ \t]*:", re.IGNORECASE)
# "V/v tăng cường công tác phòng, chống dịch"
LETTER_SUBJECT = AtLineStart(r"[ \t]*(?:V/v|Về việc)[ \t:]+(?P<subject>.+)$")
MEETING = r"hội nghị|cuộc họp|buổi làm việc|phiên họp|kỳ họp|\bhọp\b"
MEETING_WORDS = re.compile(MEETING, re.IGNORECASE)


@cache
def _type_heading() -> AtLineStart:
    # as printed, and as typed or read without diacritics ("THONG BAO")
    names = sorted({spelling for t in document_types() for spelling in (t.name.upper(), fold(t.name))}, key=len, reverse=True)
    return AtLineStart(r"[ \t]*(?P<type>" + alternation(names) + r")[ \t]*$")


def _type_named(written: str) -> str:
    """The type a heading names, in its own spelling (``THONG BAO`` → ``Thông báo``)."""
    if not written.isascii():
        return recase(written)
    known = type_by_name().get(fold(written))
    return known.name if known is not None else recase(written)


@cache
def _titled_heading() -> AtLineStart:
    """The type in capitals opening a heading line that goes on in capitals, alone or after a wide gap."""
    names = sorted((t.name.upper() for t in document_types()), key=len, reverse=True)
    return AtLineStart(r"(?:[^\n]*?[ \t]{3,})?[ \t]*(?P<type>" + alternation(names) + r")(?P<rest>(?:[ \t]+\S+){1,8})[ \t]*$")


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
    date_basis: str | None = None
    subject: str | None = None
    meeting_date: str | None = None
    body_start: int = 0
    greeting_span: tuple[int, int] | None = None


# A line of more than 150 characters, found from the newline before it.
LONG_LINE = re.compile(r"\n(?P<line>[^\n]{151,})")


def _first_long_paragraph(text: str, start: int, end: int) -> int:
    """Where the body's first paragraph starts: the first long line that is not in capitals."""
    first_end = text.find("\n", start, end)
    first_end = end if first_end < 0 else first_end
    if first_end - start > 150 and not is_capitals(text[start:first_end]):
        return start
    for match in LONG_LINE.finditer(text, start, end):
        if not is_capitals(match.group("line")):
            return match.start("line")
    return end


# "Số: 892      /SVHTTDL-VP": the number stamped by the signing software, with the gap it left before the slash
STAMPED_NUMBER = re.compile(r"(?P<number>\d[\dOo]{0,5})[ \t]{2,}(?=/)")


def _stamped_number_symbol(text: str, pos: int, limit: int) -> tuple[Symbol, tuple[int, int]] | None:
    """The symbol of a ``Số:`` line whose number stands apart from the rest, and its span as written.

    >>> _stamped_number_symbol("892      /SVHTTDL-VP", 0, 40)[0].canonical
    '892/SVHTTDL-VP'
    """
    stamped = STAMPED_NUMBER.match(text, pos, limit)
    if stamped is None:
        return None
    rest = SYMBOL.match(stamped.group("number") + text[stamped.end() : limit])
    if rest is None:
        return None
    return symbol_from_match(rest), (pos, stamped.end() + rest.end() - len(stamped.group("number")))


def _place_name_start(text: str, start: int, end: int) -> int:
    """Where the place's name starts in what stands before ", ngày": the whole of it, unless the
    number ran on in front of it on one line (OCR, text pasted from a page's two columns):
    ``Số: 2315/UBND-KGVX Hà Giang`` → ``Hà Giang``, its last words written as a name.

    >>> t = "Số: 2315/UBND-KGVX Hà Giang"; t[_place_name_start(t, 0, len(t)):]
    'Hà Giang'
    """
    written = text[start:end]
    if not any(c.isdigit() or c == "/" for c in written):
        return start
    name_start = place_name_start(written, len(written))  # the rule the normaliser splits flattened heads by
    return start + name_start if name_start < len(written) else start


def find_head(text: str, start: int, end: int, *, copy_kind: str | None = None) -> Head:
    head = Head(body_start=start)
    limit = _first_long_paragraph(text, start, end)
    heading = _type_heading().search(text, start, limit)
    if copy_kind:
        head.type, head.type_basis = copy_kind, "stated"
    elif heading:
        head.type, head.type_basis = _type_named(heading.group("type")), "stated"
    elif (titled := next((m for m in _titled_heading().finditer(text, start, limit) if is_capitals(m.group("rest"))), None)) is not None:
        # "THÔNG BÁO TUYỂN SINH": the type and the subject on one line (a stamp's marks may stand before it)
        head.type, head.type_basis = recase(titled.group("type")), f"stated: '{titled.group('line').strip()}'"
    for match in NUMBER_LINE.finditer(text, start, limit):
        if INCOMING_STAMP.search(text, max(start, match.start() - 40), match.start()):
            continue  # "CÔNG VĂN ĐẾN / Số: 1234 / Ngày: …": the recipient's incoming-mail stamp, not the document's number
        symbol = SYMBOL.match(text, match.end(), limit)
        if symbol:
            head.symbol = symbol_from_match(symbol)
            head.symbol_text = compact(symbol.group(0))
            head.symbol_span = symbol.span()
            break
        if (stamped := _stamped_number_symbol(text, match.end(), limit)) is not None:
            head.symbol, head.symbol_span = stamped
            head.symbol_text = head.symbol.canonical
            break
        unnumbered = BLANK_NUMBER_SYMBOL.match(text, match.end() - 1, limit)
        if unnumbered:
            head.symbol_text = "/" + compact(unnumbered.group(0).split("/", 1)[1])
            head.symbol_span = unnumbered.span()
            break
    place = PLACE_DATE.search(text, start, limit if limit > start else end)
    if place:
        place_start = _place_name_start(text, place.start("place"), place.end("place"))
        head.place = text[place_start : place.end("place")].strip()
        head.place_span = (place_start, place.end("place"))
        head.place_line = " ".join(text[place_start : place.end()].split())
        if place.group("d"):
            head.date = iso_date(place.group("d"), place.group("m"), place.group("y"))
            head.date_basis = f"stated: '{head.place_line}'" if head.date else None
    if head.date is None:
        _date_from_signing_stamp(text, start, end, head, place)
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
            head.subject = " ".join(head.subject.split())
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
                head.subject = _wrapped_subject(text, letter_subject, greeting.start())
    if head.type is None and head.symbol and head.symbol.type_name:
        head.type, head.type_basis = head.symbol.type_name, f"inferred: the symbol {head.symbol.canonical}"
    if head.type is None and not copy_kind:
        _letter_without_heading(text, start, limit, head)
    head.body_start = body_start
    head.meeting_date = _meeting_date(text, head, end)
    return head


def _date_from_signing_stamp(text: str, start: int, end: int, head: Head, place: LineMatch | None) -> None:
    """A place-date line whose day the signing software was to stamp, or no place-date at all: the
    date of the e-signature stamp, when it agrees with the month and year the line gives."""
    for stamp in SIGNING_TIME.finditer(text, start, end):
        if COPY_STAMP.search(text, max(start, stamp.start() - 120), stamp.start()):
            continue
        day, month, year = (stamp.group("d"), stamp.group("m"), stamp.group("y")) if stamp.group("d") else (
            stamp.group("id"), stamp.group("im"), stamp.group("iy"))
        if place is not None and (int(place.group("m")), int(place.group("y"))) != (int(month), int(year)):
            continue
        head.date = iso_date(day, month, year)
        if head.date:
            stamped = " ".join(stamp.group(0).split())
            head.date_basis = f"inferred: the e-signature stamp '{stamped}'" + (
                f" (the place-date line '{head.place_line}' leaves the day blank)" if place is not None else "")
            return


# A letter (công văn) has no type heading: its "V/v" subject line says what it is, or its symbol has no
# type code ("Số: 1239/SYT-TCCB": issuer codes only), as Nghị định 30/2020/NĐ-CP lays letters out.
def _letter_without_heading(text: str, start: int, limit: int, head: Head) -> None:
    subject = LETTER_SUBJECT.search(text, start, limit)
    if subject is not None:
        head.type, head.type_basis = "Công văn", f"inferred: a letter's subject line '{' '.join(subject.group(0).split())[:60]}'"
    elif head.symbol is not None and not head.symbol.type_code and not head.symbol.year:
        head.type, head.type_basis = "Công văn", f"inferred: the symbol {head.symbol.canonical} has no type code"


def _wrapped_subject(text: str, match: LineMatch, end: int) -> str:
    """A letter's ``V/v`` subject with the lines it wraps onto in the left column: up to a blank line,
    the place-date, the greeting or a line in capitals."""
    parts = [match.group("subject").strip()]
    pos = match.end() + 1
    while pos < end:
        stop = text.find("\n", pos, end)
        line = text[pos : stop if stop >= 0 else end].strip()
        if not line or is_capitals(line) or PLACE_DATE.first.match(text, pos) or GREETING.first.match(text, pos) or line.startswith(("Số", "-")):
            break
        parts.append(line)
        if stop < 0:
            break
        pos = stop + 1
    # stray marks (OCR's "_", "‹", "|") are not words of the subject
    return " ".join(word for word in " ".join(parts).split() if any(c.isalnum() for c in word) or word in {"-", "–", "&"})


def _meeting_date(text: str, head: Head, end: int) -> str | None:
    """The date of the meeting a notice reports: in its subject, or in its opening sentence."""
    if head.subject and _mentions_meeting(head.subject):
        match = DATE.search(head.subject)
        if match:
            return date_from_match(match)
    # The first sentence that mentions a meeting and a date, within the opening of the body.
    window_end = min(end, head.body_start + 1500)
    lowered = text[head.body_start : window_end].lower()
    if len(lowered) != window_end - head.body_start:  # lower() changed lengths (rare letters): search as written
        found = [m.start() for m in MEETING_WORDS.finditer(text, head.body_start, window_end)]
    else:
        found = sorted(head.body_start + pos for pos in _meeting_word_positions(lowered))
    searched: set[tuple[int, int]] = set()
    for meeting_start in found:
        sentence_start, sentence_end = sentence_bounds(text, meeting_start, meeting_start + 1, limit=400)
        if (sentence_start, sentence_end) in searched:
            continue
        searched.add((sentence_start, sentence_end))
        for part in SEMICOLON_BREAK.split(text[sentence_start:sentence_end]):
            if _mentions_meeting(part):
                match = DATE.search(part)
                if match:
                    return date_from_match(match)
    return None


# Each meeting word found from its own literal, in a lowered copy: "cuộc họp", "phiên họp" and
# "kỳ họp" are found from "họp".
MEETING_LITERALS = ("hội nghị", "họp", "buổi làm việc")
SEMICOLON_BREAK = re.compile(r"(?<=[;])\s")


def _mentions_meeting(text: str) -> bool:
    lowered = text.lower()
    if len(lowered) != len(text):
        return MEETING_WORDS.search(text) is not None
    return next(_meeting_word_positions(lowered), None) is not None


def _meeting_word_positions(lowered: str) -> Iterator[int]:
    for word in MEETING_LITERALS:
        pos = lowered.find(word)
        while pos >= 0:
            after = pos + len(word)
            if word != "họp" or ((pos == 0 or not lowered[pos - 1].isalnum()) and (after == len(lowered) or not lowered[after].isalnum())):
                yield pos
            pos = lowered.find(word, after)


# "Nghị quyết này đã được Hội đồng nhân dân tỉnh … khóa X, kỳ họp thứ 3 thông qua ngày 10 tháng 12 năm
# 2021": a resolution without a place-date is dated by its adoption.
ADOPTED = re.compile(r"thông qua(?:[ \t]+vào)?[ \t]+(?:ngày|hồi)[^\n]{0,20}?(?P<date>ngày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}|\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4})")
ADOPTED_DATE = re.compile(r"(?P<d>\d{1,2})[ \t]+tháng[ \t]+(?P<m>\d{1,2})[ \t]+năm[ \t]+(?P<y>\d{4})")


def closing_adoption_date(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The adoption date a resolution's closing formula states, with the words it was read from.

    >>> closing_adoption_date("… Nghị quyết này đã được HĐND tỉnh khóa X, kỳ họp thứ 3 thông qua ngày 10 tháng 12 năm 2021.", 0, 200)[0]
    '2021-12-10'
    """
    found = None
    pos = text.find("thông qua", start, end)
    while pos >= 0:
        match = ADOPTED.match(text, pos, end)
        if match:
            found = match
        pos = text.find("thông qua", pos + 9, end)
    if found is None:
        return None
    day = ADOPTED_DATE.search(found.group("date"))
    iso = iso_date(day.group("d"), day.group("m"), day.group("y")) if day else None
    return (iso, found.group(0)) if iso else None
