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
Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _apply(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits, in order, recording each replaced range."""
    offsets = OffsetMap()
    if not edits:
        return text, offsets
    pieces: list[str] = []
    last = 0
    out_len = 0
    for start, end, new in edits:
        pieces.append(text[last:start])
        out_len += start - last
        offsets.out_starts.append(out_len)
        offsets.in_starts.append(start)
        offsets.in_ends.append(end)
        pieces.append(new)
        out_len += len(new)
        offsets.out_ends.append(out_len)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), offsets


def _substitute(text: str, pattern: re.Pattern[str], replace: Replacement | str) -> tuple[str, OffsetMap]:
    """``pattern.sub`` that also records every replaced range."""
    edits: list[Edit] = []
    for match in pattern.finditer(text):
        new = replace if isinstance(replace, str) else replace(match)
        if new != match.group(0):
            edits.append((match.start(), match.end(), new))
    return _apply(text, edits)


# Patterns start with a literal or a character class, so that the regular-expression engine
# can skip ahead to candidates; context before a candidate is checked by a lookbehind placed
# after its first character. Each step also names strings without which it has nothing to do.

# Vietnamese letters carry up to two combining marks; NFC composes each base+marks cluster.
COMBINING_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.DOTALL)

# Characters that only get in the way of matching: BOM, zero-width marks, soft hyphen; CR.
INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad\r"
INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\u00ad]|\r(?=\n)")
ODD_SPACES = "\u00a0\u2007\u202f\t"
ODD_SPACE = str.maketrans({c: " " for c in ODD_SPACES})

# Markdown heading marks at a line start: "#### **4. Một số yêu cầu cụ thể:**"
HEADING_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)+", re.MULTILINE)
# A thematic break line: "-----" or "***"
RULE_LINE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
# Emphasis: "**T/M BAN THƯỜNG VỤ", "*Nói lỏng …*", "__x__". Glued between two words it is a lost
# line break: "THÔNG BÁO**kết luận" (the heading, then the subject).
EMPHASIS = re.compile(r"[*_](?:(?<=\*)\**|_+)")  # "*…" or "__…", as one branch: an alternation would slow the scan
# Markdown hard break (spaces before a newline).
TRAILING_SPACE = re.compile(r" +\n")

# A symbol broken after its hyphen: "15/2022/TT-\nBYT" (state order) or "357-\nCV/TU" (Party order)
BROKEN_SYMBOL = re.compile(r"-(?<=\d-|[A-Za-zĐđ]-)[ \t]*\n[ \t]*(?=[A-ZĐ])")
SYMBOL_BEFORE_BREAK = re.compile(r"(?:\d/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ]*|\d)$")

# Blank lines: a page break, or a paragraph break.
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+[ \t]*")
# A line broken mid-sentence (PDF text, wrapped subjects): the next line starts in lower case.
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
SOFT_LINE_BREAK = re.compile(rf"\n(?<=[^\s.:;!?]\n)(?=[{LOWER}])")
WORD_AT = re.compile(r"\w+")

# Tone mark placement on word-final oa, oe, uy: "hoà" → "hòa", "uỷ" → "ủy" (not after q: "quý").
# One branch (an alternation would stop the engine skipping ahead); the pairing o+a/e, u+y is checked in code.
OLD_TONE_PLACEMENT = re.compile(r"[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?!\w)(?<=[oOuU].)(?<![qQ]..)")
TONED_Y = set("ỳýỷỹỵỲÝỶỸỴ")


# The sequences old-style placement writes; text without any of them needs no work.
OLD_STYLE_SEQUENCES = tuple(f"{v}{t}" for v, tones in (("o", "àáảãạ"), ("o", "èéẻẽẹ"), ("u", "ỳýỷỹỵ")) for t in tones)


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def _is_heading(line: str) -> bool:
    return line.upper() == line


def _emphasis(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    glued = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    if match.group(0).startswith("_") and glued:
        return match.group(0)  # snake_case, not emphasis
    return "\n" if glued else ""


def _broken_symbol(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 16) : match.start()]
    return "-" if SYMBOL_BEFORE_BREAK.search(before) else match.group(0)


def _page_breaks(text: str) -> tuple[str, OffsetMap]:
    """Collapse page-break duplication and join sentences a page break cut in two.

    "… trên địa bàn Tỉnh. Kích\n\nKích hoạt …" → "… Tỉnh. Kích hoạt …";
    "tổ chức đảng,\n\nđảng viên" → "tổ chức đảng, đảng viên".
    """
    edits: list[Edit] = []
    for match in BLANK_LINES.finditer(text):
        start, end = match.span()
        if end >= len(text) or start == 0 or not text[start - 1].isalnum():
            continue  # most paragraphs end in a full stop: nothing to join
        word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        word_before = text[word_start:start]
        word_after = WORD_AT.match(text, end)
        if word_after and word_before == word_after.group(0):
            edits.append((word_start, end, ""))
        elif text[end].islower() and not _is_heading(_line_before(text, start)):
            edits.append((start, end, " "))
    return _apply(text, edits)


def _soft_line_break(match: re.Match[str]) -> str:
    """Join a wrapped line, unless the line before is a heading in capitals ("THÔNG BÁO")."""
    return "\n" if _is_heading(_line_before(match.string, match.start())) else " "


def unify_tone_placement(text: str) -> str:
    """Place tone marks one way; the result has the same length as the input.

    >>> unify_tone_placement("Tỉnh uỷ, Hoà Bình, quý, hoàn thành")
    'Tỉnh ủy, Hòa Bình, quý, hoàn thành'
    """
    lowered = text.lower()
    if not any(sequence in lowered for sequence in OLD_STYLE_SEQUENCES):
        return text
    chars: list[str] | None = None
    for match in OLD_TONE_PLACEMENT.finditer(text):
        pos = match.start()
        if (text[pos] in TONED_Y) != (text[pos - 1] in "uU"):
            continue  # "oỳ", "uà": not a pair whose tone moves
        if chars is None:
            chars = list(text)
        decomposed = unicodedata.normalize("NFD", text[pos])
        chars[pos - 1] = unicodedata.normalize("NFC", text[pos - 1] + decomposed[1:])
        chars[pos] = decomposed[0]
    return text if chars is None else "".join(chars)


Step = Callable[[str], tuple[str, OffsetMap]]


def _regex_step(pattern: re.Pattern[str], replace: Replacement | str, *triggers: str) -> Step:
    def step(text: str) -> tuple[str, OffsetMap]:
        if triggers and not any(t in text for t in triggers):
            return text, OffsetMap()
        return _substitute(text, pattern, replace)

    return step


STEPS: tuple[Step, ...] = (
    _regex_step(INVISIBLE, "", *INVISIBLE_CHARS),
    _regex_step(RULE_LINE, "", "---", "***", "___"),
    _regex_step(EMPHASIS, _emphasis, "*", "__"),
    _regex_step(HEADING_MARK, "", "#"),
    _regex_step(TRAILING_SPACE, "\n", " \n"),
    _regex_step(BROKEN_SYMBOL, _broken_symbol, "-\n", "- \n", "-\t\n"),
    _page_breaks,
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
    if any(c in text for c in ODD_SPACES):
        text = text.translate(ODD_SPACE)  # one character for one: no map needed
    # One step can expose work for another ("**#### " is a heading once the emphasis is gone),
    # so the steps run until none changes anything: normalising twice then changes nothing.
    for _ in range(MAX_ROUNDS):
        changed = False
        for step in STEPS:
            text, edits = step(text)
            if edits.out_starts:
                maps.append(edits)
                changed = True
        if not changed:
            break
    written = SOFT_LINE_BREAK.sub(_soft_line_break, text) if "\n" in text else text
    return Normalised(original, written, unify_tone_placement(written), tuple(m for m in maps if m.out_starts))
