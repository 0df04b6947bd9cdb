"""Normalise notice text for matching, keeping a map back to every original offset.

One public verb, :func:`normalise`. It returns two strings of equal length:

- ``written``: NFC, markdown marks dropped, symbols broken across lines joined,
  page-break duplicates collapsed; tone marks placed as the author placed them
  (``Tỉnh uỷ``). This is what ``as_written`` and recipients are cut from.
- ``text``: ``written`` with tone marks placed one way (``uỷ`` → ``ủy``, ``hoà`` → ``hòa``),
  which is what the extractors match against. The change is one character for one,
  so both strings share offsets.

Every step is a regular-expression substitution that records what it replaced, so a
span in the normalised text maps back to the original with :meth:`Normalised.to_original`.

>>> n = normalise("Tỉnh **uỷ** số 15/2022/TT-\\nBYT")
>>> n.text
'Tỉnh ủy số 15/2022/TT-BYT'
>>> n.written
'Tỉnh uỷ số 15/2022/TT-BYT'
>>> start = n.text.index("15/"); n.original[slice(*n.to_original(start, len(n.text)))]
'15/2022/TT-\\nBYT'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Edits made by one substitution pass: output ranges and the input ranges they replaced."""

    out_starts: list[int] = field(default_factory=list)
    out_ends: list[int] = field(default_factory=list)
    in_starts: list[int] = field(default_factory=list)
    in_ends: list[int] = field(default_factory=list)

    def to_input(self, pos: int, *, is_end: bool) -> int:
        i = bisect_right(self.out_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.out_ends[i] or (pos == self.out_ends[i] == self.out_starts[i] and not is_end):
            # Inside a replaced range: a start maps to where the range began, an end to where it ended.
            if pos == self.out_starts[i] and not is_end:
                return self.in_starts[i]
            return self.in_ends[i] if is_end else self.in_starts[i]
        return self.in_ends[i] + (pos - self.out_ends[i])


Replacement = Callable[[re.Match[str]], str]


def _substitute(text: str, pattern: re.Pattern[str], replace: Replacement | str) -> tuple[str, OffsetMap]:
    """``pattern.sub`` that also records every replaced range."""
    edits = OffsetMap()
    pieces: list[str] = []
    last = 0
    out_len = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        new = replace if isinstance(replace, str) else replace(match)
        if new == match.group(0):
            continue
        pieces.append(text[last:start])
        out_len += start - last
        edits.out_starts.append(out_len)
        edits.in_starts.append(start)
        edits.in_ends.append(end)
        pieces.append(new)
        out_len += len(new)
        edits.out_ends.append(out_len)
        last = end
    if not edits.out_starts:
        return text, edits
    pieces.append(text[last:])
    return "".join(pieces), edits


# Vietnamese letters carry up to two combining marks; NFC composes each base+marks cluster.
COMBINING_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.DOTALL)

# Characters that only get in the way of matching: BOM, zero-width marks, soft hyphen; CR.
INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\u00ad]|\r(?=\n)")
ODD_SPACE = re.compile(r"[\u00a0\u2007\u202f\t]")

# Markdown heading marks at a line start: "#### **4. Một số yêu cầu cụ thể:**"
HEADING_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)+", re.MULTILINE)
# A thematic break line: "-----" or "***"
RULE_LINE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
# Emphasis glued between two words is a lost line break: "THÔNG BÁO**kết luận" (heading, then subject).
GLUED_EMPHASIS = re.compile(r"(?<=\w)(?:\*{1,3}|_{2,3})+(?=\w)")
# Any other emphasis run: "**T/M BAN THƯỜNG VỤ", "*Nói lỏng …*"
EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2,3}|_{2,3}(?!\w)")
# Markdown hard break (two spaces before a newline).
TRAILING_SPACE = re.compile(r"[ ]+(?=\n)")

# A symbol broken after its hyphen: "15/2022/TT-\nBYT" or "357-\nCV/TU"
BROKEN_SYMBOL = re.compile(
    r"""(?<=\d/[A-ZĐ])[A-Za-zĐđ]*-\s*\n\s*(?=[A-ZĐ])   # state order, break after TT-
      | (?<=\d)-\s*\n\s*(?=[A-ZĐ]+/)                   # party order, break after 357-
    """,
    re.VERBOSE,
)

# A page break repeats the word it broke: "… trên địa bàn Tỉnh. Kích\n\nKích hoạt ở mức độ …"
PAGE_BREAK_REPEAT = re.compile(r"(?<!\S)(\w+)[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=\1\b)")

# A page break in mid-sentence: the next page starts in lower case. "tổ chức đảng,\n\nđảng viên"
PAGE_BREAK_MIDSENTENCE = re.compile(r"(?<=[^\s.:;!?])[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=\w)")

# A line broken mid-sentence (PDF text, wrapped subjects): the next line starts in lower case.
# Length-preserving, so it is done in place rather than as a substitution.
SOFT_LINE_BREAK = re.compile(r"(?<=[^\s.:;!?])\n(?=\w)")


def _next_is_lower(match: re.Match[str]) -> bool:
    return match.end() < len(match.string) and match.string[match.end()].islower()


def _after_heading(match: re.Match[str]) -> bool:
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    line = match.string[line_start : match.start()]
    return line.upper() == line


def _page_break_midsentence(match: re.Match[str]) -> str:
    return " " if _next_is_lower(match) and not _after_heading(match) else match.group(0)


def _soft_line_break(match: re.Match[str]) -> str:
    """Join a wrapped line, unless the line before is a heading in capitals ("THÔNG BÁO")."""
    return " " if _next_is_lower(match) and not _after_heading(match) else "\n"

# Tone mark placement on word-final oa, oe, uy: "hoà" → "hòa", "uỷ" → "ủy" (not after q: "quý").
OLD_TONE_PLACEMENT = re.compile(
    r"(?<![qQ])([oO])([àáảãạÀÁẢÃẠ])(?!\w)"
    r"|(?<![qQ])([oO])([èéẻẽẹÈÉẺẼẸ])(?!\w)"
    r"|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\w)"
)


def _move_tone(match: re.Match[str]) -> str:
    first = match.group(1) or match.group(3) or match.group(5)
    second = match.group(2) or match.group(4) or match.group(6)
    base, tone = unicodedata.normalize("NFD", second)[0], unicodedata.normalize("NFD", second)[1:]
    return unicodedata.normalize("NFC", first + tone) + base


def unify_tone_placement(text: str) -> str:
    """Place tone marks one way; the result has the same length as the input.

    >>> unify_tone_placement("Tỉnh uỷ, Hoà Bình, quý, hoàn thành")
    'Tỉnh ủy, Hòa Bình, quý, hoàn thành'
    """
    return OLD_TONE_PLACEMENT.sub(_move_tone, text)


def _glued_emphasis(match: re.Match[str]) -> str:
    return "\n"


STEPS: tuple[tuple[re.Pattern[str], Replacement | str], ...] = (
    (INVISIBLE, ""),
    (RULE_LINE, ""),
    (GLUED_EMPHASIS, _glued_emphasis),
    (EMPHASIS, ""),
    (HEADING_MARK, ""),
    (TRAILING_SPACE, ""),
    (BROKEN_SYMBOL, lambda m: m.group(0).split("-")[0] + "-" if "-" in m.group(0) else ""),
    (PAGE_BREAK_REPEAT, ""),
    (PAGE_BREAK_MIDSENTENCE, _page_break_midsentence),
)


MAX_ROUNDS = 6


@dataclass(frozen=True)
class Normalised:
    original: str
    written: str
    text: str
    maps: tuple[OffsetMap, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to the span of ``original`` it came from."""
        for edits in reversed(self.maps):
            start = edits.to_input(start, is_end=False)
            end = edits.to_input(end, is_end=True)
        return start, end


def _nfc(text: str) -> tuple[str, OffsetMap]:
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap()
    composed, edits = _substitute(text, COMBINING_CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0)))
    if not unicodedata.is_normalized("NFC", composed):  # compositions across clusters (rare): do it whole
        return unicodedata.normalize("NFC", text), OffsetMap([0], [len(unicodedata.normalize("NFC", text))], [0], [len(text)])
    return composed, edits


def normalise(original: str) -> Normalised:
    """Normalise ``original`` (see the module docstring for what changes and what is kept)."""
    text, first = _nfc(original)
    maps = [first]
    text = ODD_SPACE.sub(" ", text)  # one character for one: no map needed
    # One step can expose work for another ("**#### " is a heading once the emphasis is gone),
    # so the steps run until none changes anything: normalising twice then changes nothing.
    for _ in range(MAX_ROUNDS):
        changed = False
        for pattern, replace in STEPS:
            text, edits = _substitute(text, pattern, replace)
            if edits.out_starts:
                maps.append(edits)
                changed = True
        if not changed:
            break
    written = SOFT_LINE_BREAK.sub(_soft_line_break, text)
    return Normalised(original, written, unify_tone_placement(written), tuple(m for m in maps if m.out_starts))
