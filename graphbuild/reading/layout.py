"""Layout recovery: a page as positioned lines (a PDF's text layer, an OCR'd scan) → reading order.

Vietnamese administrative documents are laid out by rule (Nghị định 30/2020/NĐ-CP for state
documents, Hướng dẫn 36-HD/VPTW for Party documents):

- the *head* is two columns: the issuing body under its parent, then ``Số: …`` and a letter's
  ``V/v …`` subject on the left; the national motto (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` /
  ``Độc lập - Tự do - Hạnh phúc``) or the Party's (``ĐẢNG CỘNG SẢN VIỆT NAM``), then
  ``<Place>, ngày … tháng … năm …`` on the right;
- the *foot* is two columns: ``Nơi nhận:`` and its list on the left, the signature (authority,
  title, name) on the right.

A reader that goes line by line puts the two columns of each row on one line
(``UBND TỈNH QUẢNG NAM      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``). This module puts each
column's lines together, left column first, a blank line between them, and joins body lines
that a page wrapped mid-sentence. Every character of the result comes from the input: a
:class:`PieceMap` maps each output offset back to the input offset it was copied from.

>>> page = (
...     "  UBND TỈNH QUẢNG NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\n"
...     "Số:   4521 /UBND-KGVX              Quảng Nam, ngày 05 tháng 10 năm 2021\\n")
>>> print(recover_layout([page]).text, end="")
UBND TỈNH QUẢNG NAM
Số:   4521 /UBND-KGVX
<BLANKLINE>
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Quảng Nam, ngày 05 tháng 10 năm 2021
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

# Two columns on one line are apart by at least this many spaces; words in a justified line by fewer.
COLUMN_GAP = re.compile(r" {3,}")
# What ends the head: the document's type in capitals alone on a line, centred (``THÔNG BÁO``), a
# greeting, or the first body paragraph. What the head holds at most.
HEAD_MAX_LINES = 16
# The right column's own lines: the mottos, a place-date, a received stamp.
RIGHT_COLUMN_WORDS = re.compile(
    r"CỘNG\s*H[OÒ][AÀ]|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN|ng[àa]y\s*\S*\s*t?h[áa]ng|ngay\s*\S*\s*thang", re.IGNORECASE
)
# A letterhead run into the motto with one space: "TỈNH ỦY HÀ GIANG ĐẢNG CỘNG SẢN VIỆT NAM"
MOTTO_RUN_ON = re.compile(r"\S +(?:CỘNG\s*H[OÒ][AÀ]\s+X[AÃ]\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)")
# Where the foot starts: "Nơi nhận:" (left) with the signature beside it.
DISTRIBUTION = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE)
# Sentence ends and list openings: a line ending so, or the next line opening so, is not wrapped.
SENTENCE_END = re.compile(r"[.:;!?]\W*$|\./\.$")
LIST_OPENING = re.compile(r"^(?:[-+•–*]|\d{1,2}[.)/]|[a-zđ][).]|[IVX]{1,5}\.|Điều\s+\d|Chương\s+[IVX\d])")


PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$")


@dataclass
class PieceMap:
    """Output ranges copied from input offsets: ``out_starts[i]`` ← ``in_starts[i]``, ``lengths[i]`` long."""

    out_starts: list[int] = field(default_factory=list)
    in_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def to_input(self, pos: int) -> int | None:
        """The input offset an output offset was copied from (``None`` for inserted line breaks)."""
        i = bisect_right(self.out_starts, pos) - 1
        if i < 0 or pos >= self.out_starts[i] + self.lengths[i]:
            return None
        return self.in_starts[i] + pos - self.out_starts[i]


@dataclass
class Recovered:
    text: str
    pieces: PieceMap


@dataclass
class _Segment:
    column: int  # the character column it starts at
    start: int  # its offset in the input
    text: str


@dataclass
class _Line:
    start: int  # offset of the line in the input
    raw: str
    segments: list[_Segment]

    @property
    def indent(self) -> int:
        return self.segments[0].column if self.segments else 0

    @property
    def blank(self) -> bool:
        return not self.segments


def _line(raw: str, start: int) -> _Line:
    segments: list[_Segment] = []
    pos = len(raw) - len(raw.lstrip(" "))
    while pos < len(raw.rstrip()):
        gap = COLUMN_GAP.search(raw, pos)
        end = gap.start() if gap else len(raw.rstrip())
        segments.append(_Segment(pos, start + pos, raw[pos:end]))
        pos = gap.end() if gap else len(raw)
    return _Line(start, raw, segments)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pieces = PieceMap()

    def copy(self, text: str, in_start: int) -> None:
        if not text:
            return
        self.pieces.out_starts.append(self.length)
        self.pieces.in_starts.append(in_start)
        self.pieces.lengths.append(len(text))
        self.parts.append(text)
        self.length += len(text)

    def insert(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def ends_with_blank_line(self) -> bool:
        tail = "".join(self.parts[-3:])
        return self.length == 0 or tail.endswith("\n\n")

    def newline(self) -> None:
        if self.length and not "".join(self.parts[-1:]).endswith("\n"):
            self.insert("\n")

    def blank_line(self) -> None:
        self.newline()
        if not self.ends_with_blank_line():
            self.insert("\n")


def _boundary(lines: list[_Line]) -> int | None:
    """The character column where the right column starts, from the lines split in two."""
    starts = [_right_start(line).column for line in lines if len(line.segments) >= 2]
    return int(statistics.median(starts)) if starts else None


# A place-date cut where the signing software stamps the day: "Lâm Đồng, ngày" + gap + "15 tháng 6 năm 2021".
DAY_TO_STAMP = re.compile(r",\s*ng[àa]y$")


def _right_start(line: _Line) -> _Segment:
    """The segment the right column starts at: where its own words (a motto, a place-date) begin, so that a
    place-date the signing software stamped with a gap ("X, ngày      15 tháng …") stays whole; else the last."""
    for segment in line.segments[1:]:
        if RIGHT_COLUMN_WORDS.search(segment.text) or DAY_TO_STAMP.search(segment.text):
            return segment
    return line.segments[-1]


def _split_columns(lines: list[_Line], width: int) -> tuple[list[_Segment | None], list[_Segment | None]]:
    """Left and right column segments of a two-column block (``None`` for a blank row)."""
    boundary = _boundary(lines)
    left: list[_Segment | None] = []
    right: list[_Segment | None] = []
    for line in lines:
        if line.blank:
            left.append(None)
            right.append(None)
            continue
        if boundary is None:
            # One segment per line: a line starting right of the page's middle is the right column's.
            for segment in line.segments:
                (right if segment.column > width * 0.45 else left).append(segment)
            continue
        cut = boundary - max(4, boundary // 6)
        line_left = [s for s in line.segments if s.column < cut]
        line_right = [s for s in line.segments if s.column >= cut]
        for side, segments in ((left, line_left), (right, line_right)):
            if segments:
                first = segments[0]
                # segments of one column that a wide gap separated are one run of text
                text = line.raw[first.column : segments[-1].column + len(segments[-1].text)]
                side.append(_Segment(first.column, first.start, text))
    return left, right


def _is_two_column_head(lines: list[_Line], width: int) -> bool:
    return any(
        len(line.segments) >= 2 or (line.segments and line.indent > width * 0.45 and RIGHT_COLUMN_WORDS.search(line.raw))
        for line in lines
    )


def _head_end(lines: list[_Line], width: int) -> int:
    """Index after the head: after the last right-column line (a motto, the place-date) of the first
    lines, stopping at the first body line (a long line from the left margin)."""
    end = 0
    seen = 0
    for index, line in enumerate(lines):
        if line.blank:
            continue
        seen += 1
        if seen > HEAD_MAX_LINES:
            break
        right = _right_start(line) if len(line.segments) >= 2 else line.segments[-1]
        right = _Segment(right.column, right.start, line.raw[right.column :].rstrip())
        if len(line.segments) == 1 and line.indent < width * 0.2 and len(right.text) > width * 0.6 and not RIGHT_COLUMN_WORDS.search(right.text):
            break  # a body line (a letterhead run into the motto beside it is not one)
        if RIGHT_COLUMN_WORDS.search(right.text) and (len(line.segments) >= 2 or line.indent > width * 0.35 or MOTTO_RUN_ON.search(right.text)):
            end = index + 1
    # A letter's "V/v …" subject wraps on in the left column below the place-date's row.
    while end and end < len(lines) and _left_column_only(lines[end], width):
        end += 1
    return end


def _left_column_only(line: _Line, width: int) -> bool:
    return len(line.segments) == 1 and line.indent < width * 0.3 and len(line.raw.rstrip()) < width * 0.55


def _foot_start(lines: list[_Line], width: int) -> int | None:
    """Index of the first line of the foot: ``Nơi nhận:`` with a column beside it, or alone."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.segments and DISTRIBUTION.match(line.segments[0].text) and line.indent < width * 0.3:
            # the signature's first line (its authority) may stand a row or two above "Nơi nhận:"
            while index > 0 and len(lines[index - 1].segments) == 1 and lines[index - 1].indent > width * 0.45:
                index -= 1
            return index
    return None


def _emit_columns(out: _Writer, lines: list[_Line], width: int) -> None:
    left, right = _split_columns(lines, width)
    for column in (left, right):
        segments = [s for s in column if s is not None]
        if not segments:
            continue
        out.blank_line()
        previous_blank = False
        for segment in column:
            if segment is None:
                previous_blank = True
                continue
            if previous_blank and out.length and column is right:
                out.blank_line()
            previous_blank = False
            out.copy(segment.text, segment.start)
            out.insert("\n")
    out.blank_line()


def _emit_body(out: _Writer, lines: list[_Line], width: int) -> None:
    """Body lines without their indentation, lines wrapped mid-sentence joined with a space."""
    # The body's left margin: the commonest indent (OCR'd lines jitter by a character or two, and a
    # stray mark in the margin must not become the margin).
    indents = Counter(line.indent for line in lines if not line.blank and len(line.segments) == 1)
    margin = min((indent for indent, count in indents.items() if count >= max(indents.values()) * 0.5), default=0)
    previous: _Line | None = None
    for line in lines:
        if line.blank:
            if previous is not None:
                out.blank_line()
            previous = None
            continue
        text = line.raw.strip()
        if PAGE_NUMBER.match(text) and len(line.segments) == 1:
            continue  # a page number
        if previous is not None and _continues(previous, line, margin, width):
            out.insert(" ")
        else:
            out.newline()
        out.copy(text, line.start + len(line.raw) - len(line.raw.lstrip(" ")))
        previous = line
    out.newline()


def _continues(previous: _Line, line: _Line, margin: int, width: int) -> bool:
    """Was ``line`` wrapped from ``previous``? Not after a sentence end, not before a list item or an
    indented new paragraph, not when ``previous`` ends well short of the line width (a heading)."""
    before = previous.raw.rstrip()
    text = line.raw.strip()
    if SENTENCE_END.search(before) or LIST_OPENING.match(text):
        return False
    if len(previous.segments) > 1 or len(line.segments) > 1:
        return False  # tables and columns keep their lines
    if line.indent > margin + 3:
        return False  # an indented first line opens a paragraph
    if before.isupper() or text.isupper():
        return False
    return len(before) > width * 0.6


def _page_width(lines: list[_Line]) -> int:
    widths = sorted(len(line.raw.rstrip()) for line in lines if not line.blank)
    return widths[int(len(widths) * 0.9)] if widths else 80


def recover_layout(pages: list[str]) -> Recovered:
    """Reading order for ``pages`` (layout text, one string a page, as ``pdftotext -layout`` or the OCR
    writes it): the head's and the foot's columns one after the other, body lines unwrapped."""
    out = _Writer()
    offset = 0
    all_lines: list[tuple[int, list[_Line]]] = []
    for page_index, page in enumerate(pages):
        lines: list[_Line] = []
        pos = 0
        for raw in page.split("\n"):
            lines.append(_line(raw.replace("\t", " "), offset + pos))
            pos += len(raw) + 1
        all_lines.append((page_index, lines))
        offset += len(page) + 1  # pages are joined by one separator character in the input
    for page_index, lines in all_lines:
        width = _page_width(lines)
        head_end = _head_end(lines, width) if page_index == 0 else 0
        if head_end and not _is_two_column_head(lines[:head_end], width):
            head_end = 0
        foot = _foot_start(lines, width)
        if foot is not None and foot < head_end:
            foot = None
        if head_end:
            _emit_columns(out, lines[:head_end], width)
        _emit_body(out, lines[head_end : foot if foot is not None else len(lines)], width)
        if foot is not None:
            _emit_columns(out, lines[foot:], width)
        out.blank_line()
    text = "".join(out.parts).strip("\n") + "\n"
    # Leading newlines stripped: shift the map by what was dropped.
    dropped = len("".join(out.parts)) - len("".join(out.parts).lstrip("\n"))
    pieces = PieceMap([s - dropped for s in out.pieces.out_starts], out.pieces.in_starts, out.pieces.lengths)
    return Recovered(text, pieces)


# A row of the head or the foot with both columns on it, as a layout text writer leaves it: words,
# a gap of three spaces or more, then the right column's own words ("UBND TỈNH X      CỘNG HÒA …",
# "Số: 12/UBND      X, ngày …") or a signature beside "Nơi nhận:".
TWO_COLUMN_ROW = re.compile(r"^[ \t]*\S[^\n]*?\S {3,}(?=\S)[^\n]*?(?:" + RIGHT_COLUMN_WORDS.pattern + r")", re.IGNORECASE | re.MULTILINE)
FOOT_ROW = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?[^\n]*? {3,}\S", re.IGNORECASE | re.MULTILINE)
# The head is within the first lines of a page.
HEAD_CHARACTERS = 3000


def looks_like_layout(text: str) -> bool:
    """Whether plain text keeps a page's columns side by side (``pdftotext -layout``, a crawler's dump),
    judged from the text itself: a head row with both columns on it, or a foot row beside ``Nơi nhận``.

    >>> looks_like_layout("UBND TỈNH X          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nSố: 1/UBND     X, ngày 1 tháng 2 năm 2021\\n")
    True
    >>> looks_like_layout("UBND TỈNH X\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\n")
    False
    """
    if "   " not in text:  # (both rows need a gap of three spaces: most texts are decided here, without a scan)
        return False
    return TWO_COLUMN_ROW.search(text, 0, HEAD_CHARACTERS) is not None or FOOT_ROW.search(text) is not None


# A row of a table drawn with bars, as Word's text converters write a head or a foot laid out in a
# table: "|ỦY BAN NHÂN DÂN      |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM      |".
BOXED_ROW = re.compile(r"(?m)^[ \t]*\|(?:[^|\n]*\|){2,}[ \t]*$")


def unboxed(text: str) -> str:
    """``text`` with the bars of its table rows made spaces, so the cells stand in columns as layout
    text's do; every other character keeps its place (offsets into it are offsets into ``text``).

    >>> unboxed("|Số: 45/GM-UBND     |Lâm Đồng, ngày 12 tháng 01 năm 2026   |")
    ' Số: 45/GM-UBND      Lâm Đồng, ngày 12 tháng 01 năm 2026    '
    """
    if "|" not in text:
        return text
    return BOXED_ROW.sub(lambda row: row.group(0).replace("|", " "), text)


def pages_input(pages: list[str]) -> str:
    """The input :func:`recover_layout`'s offsets point into: the pages joined by form feeds."""
    return "\f".join(pages)
