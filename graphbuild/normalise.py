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
from functools import lru_cache

from graphbuild.wording import AtLineStart


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


# Speed: every scan starts from a literal character, which the regular-expression engine finds
# as fast as ``str.find`` (a few µs for a notice); a leading repeat, class or ``^`` makes it try
# the whole pattern at every position, ten to fifty times slower. Context before a candidate is
# checked by a lookbehind placed after its first character. A step with nothing to do costs one
# such scan, or a single-character ``in`` test.

# Vietnamese letters carry up to two combining marks; NFC composes each base+marks cluster.
COMBINING_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.DOTALL)

# Characters that only get in the way of matching: BOM, zero-width marks, soft hyphen; CR.
INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad\r"
INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\u00ad]|\r(?=\n)")
ODD_SPACES = "\u00a0\u2007\u202f\t"
ODD_SPACE = str.maketrans({c: " " for c in ODD_SPACES})

# Markdown heading marks at a line start: "#### **4. Một số yêu cầu cụ thể:**"
HEADING_MARKS = AtLineStart(r"[ \t]*(?:#{1,6}[ \t]+)+")
# A thematic break line: "-----" or "***"
RULE_LINES = AtLineStart(r"[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*(?=\n|\Z)")
# Emphasis: "**T/M BAN THƯỜNG VỤ", "*Nói lỏng …*", "__x__". Glued between two words it is a lost
# line break: "THÔNG BÁO**kết luận" (the heading, then the subject). Stars and underscores are
# scanned apart, each from its literal ("\*+" has no literal to start from; "\*\**" has).
STARS = re.compile(r"\*\**")
UNDERSCORES = re.compile(r"__+")
# Markdown hard break (spaces before a newline), found from the newline.
SPACED_NEWLINE = re.compile(r"\n(?<= \n)")

# A symbol broken after its hyphen: "15/2022/TT-\nBYT" (state order) or "357-\nCV/TU" (Party order)
BROKEN_SYMBOL = re.compile(r"-(?<=\d-|[A-Za-zĐđ]-)[ \t]*\n[ \t]*(?=[A-ZĐ])")
SYMBOL_BEFORE_BREAK = re.compile(r"(?:\d/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ]*|\d)$")

# Blank lines after a letter or digit: a page break may have cut a sentence or doubled a word.
# (Most paragraphs end in a full stop and are not candidates.)
BLANK_LINES_AFTER_WORD = re.compile(r"\n(?<=[^\W_]\n)(?:[ \t]*\n)+[ \t]*")
# A line broken mid-sentence (PDF text, wrapped subjects): the next line starts in lower case.
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
SOFT_LINE_BREAK = re.compile(rf"\n(?<=[^\s.:;!?]\n)(?=[{LOWER}])")
WORD_AT = re.compile(r"\w+")

# Tone mark placement on word-final oa, oe, uy: "hoà" → "hòa", "uỷ" → "ủy" (not after q: "quý").
# Four scans, each from a literal (one from the class [oOuU] would stop at every o and u); the
# toned letter is the second of a match.
OLD_TONE_PLACEMENTS = tuple(
    (first, re.compile(rf"{first}(?<![qQ]{first})[{tones}{tones.upper()}](?!\w)"))
    for first, tones in (("o", "àáảãạèéẻẽẹ"), ("u", "ỳýỷỹỵ"), ("O", "àáảãạèéẻẽẹ"), ("U", "ỳýỷỹỵ"))
)


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def _is_heading(line: str) -> bool:
    return line.upper() == line


def _emphasis_edit(text: str, match: re.Match[str]) -> Edit | None:
    start, end = match.span()
    glued = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    if match.group(0).startswith("_") and glued:
        return None  # snake_case, not emphasis
    return start, end, "\n" if glued else ""


def _emphasis(text: str) -> tuple[str, OffsetMap]:
    matches = [*(STARS.finditer(text) if "*" in text else ()), *(UNDERSCORES.finditer(text) if "_" in text else ())]
    matches.sort(key=lambda m: m.start())  # runs of stars and of underscores never overlap
    return _apply(text, [edit for edit in (_emphasis_edit(text, m) for m in matches) if edit])


def _line_starts(text: str, pattern: AtLineStart) -> tuple[str, OffsetMap]:
    """Delete what ``pattern`` matches at the start of lines."""
    return _apply(text, [(m.start(), m.end(), "") for m in pattern.finditer(text) if m.end() > m.start()])


def _rule_lines(text: str) -> tuple[str, OffsetMap]:
    return _line_starts(text, RULE_LINES)


def _heading_marks(text: str) -> tuple[str, OffsetMap]:
    return _line_starts(text, HEADING_MARKS) if "#" in text else (text, OffsetMap())


def _invisible(text: str) -> tuple[str, OffsetMap]:
    if not any(c in text for c in INVISIBLE_CHARS):
        return text, OffsetMap()
    return _substitute(text, INVISIBLE, "")


def _trailing_spaces(text: str) -> tuple[str, OffsetMap]:
    """Spaces before a newline go (a markdown hard break is a plain line break)."""
    edits: list[Edit] = []
    for match in SPACED_NEWLINE.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] == " ":
            start -= 1
        edits.append((start, match.end(), "\n"))
    return _apply(text, edits)


def _broken_symbols(text: str) -> tuple[str, OffsetMap]:
    return _substitute(text, BROKEN_SYMBOL, _broken_symbol)


def _broken_symbol(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 16) : match.start()]
    return "-" if SYMBOL_BEFORE_BREAK.search(before) else match.group(0)


def _page_breaks(text: str) -> tuple[str, OffsetMap]:
    """Collapse page-break duplication and join sentences a page break cut in two.

    "… trên địa bàn Tỉnh. Kích\n\nKích hoạt …" → "… Tỉnh. Kích hoạt …";
    "tổ chức đảng,\n\nđảng viên" → "tổ chức đảng, đảng viên".
    """
    edits: list[Edit] = []
    for match in BLANK_LINES_AFTER_WORD.finditer(text):
        start, end = match.span()
        if end >= len(text):
            continue
        word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        word_before = text[word_start:start]
        word_after = WORD_AT.match(text, end)
        if word_after and word_before == word_after.group(0):
            edits.append((word_start, end, ""))
        elif text[end].islower() and not _is_heading(_line_before(text, start)):
            edits.append((start, end, " "))
    return _apply(text, edits)


def _soft_line_breaks(text: str) -> str:
    """Join wrapped lines, unless the line before is a heading in capitals ("THÔNG BÁO").

    One character for one: no map needed.
    """
    joined = [m.start() for m in SOFT_LINE_BREAK.finditer(text) if not _is_heading(_line_before(text, m.start()))]
    if not joined:
        return text
    pieces: list[str] = []
    last = 0
    for pos in joined:
        pieces += (text[last:pos], " ")
        last = pos + 1
    pieces.append(text[last:])
    return "".join(pieces)


def unify_tone_placement(text: str) -> str:
    """Place tone marks one way; the result has the same length as the input.

    >>> unify_tone_placement("Tỉnh uỷ, Hoà Bình, quý, hoàn thành")
    'Tỉnh ủy, Hòa Bình, quý, hoàn thành'
    """
    toned = sorted(m.start() + 1 for first, pattern in OLD_TONE_PLACEMENTS if first in text for m in pattern.finditer(text))
    if not toned:
        return text
    pieces: list[str] = []
    last = 0
    for pos in toned:
        pieces += (text[last : pos - 1], _moved_tone(text[pos - 1 : pos + 1]))
        last = pos + 1
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=256)
def _moved_tone(pair: str) -> str:
    """``"oà"`` → ``"òa"``: the tone mark moves from the second vowel to the first."""
    decomposed = unicodedata.normalize("NFD", pair[1])
    return unicodedata.normalize("NFC", pair[0] + decomposed[1:]) + decomposed[0]


# A head that a web page flattened into one line: "BỘ Y TẾ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
# Độc lập - Tự do - Hạnh phúc --------------- Số: 7316/BYT-MT V/v … Hà Nội, ngày 02 tháng 9 năm 2021
# Kính gửi: …". Each part that the layout rules put on a line of its own starts one again: a space
# before it becomes a line break (one character for one), a rule of dashes becomes one.
HEAD_SEARCH = 3000
FLATTENED_MOTTO = re.compile(r"CỘNG H[OÒ][AÀ] XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM")
HEAD_PART = re.compile(
    r" (?=CỘNG H[OÒ][AÀ] XÃ HỘI|ĐẢNG CỘNG SẢN VIỆT NAM|Độc lập|Số ?:|Số \d|V/v |Về việc |Kính gửi|"
    r"(?:THÔNG BÁO|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|KẾ HOẠCH|KẾT LUẬN|CÔNG ĐIỆN|HƯỚNG DẪN|CHƯƠNG TRÌNH|BÁO CÁO|TỜ TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH)(?=[ \n]))"
)
HEADING_WORD = re.compile(
    r"THÔNG BÁO|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|KẾ HOẠCH|KẾT LUẬN|CÔNG ĐIỆN|HƯỚNG DẪN|CHƯƠNG TRÌNH|BÁO CÁO|TỜ TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH"
)
# The body's first words: a paragraph of its own (a blank line before it ends the list of addressees).
BODY_OPENING = re.compile(r"(?<=[.;:]) (?=Căn cứ |Thực hiện |Theo đề nghị |Xét đề nghị |Trong thời gian |Ngày \d)")
PLACE_DATE_COMMA = re.compile(r", ng[àa]y \d")  # "ngay": typed without diacritics
DASH_RULE = re.compile(r" ?-{3,} ?|\*{3,}")


def _flattened_head(text: str) -> tuple[str, OffsetMap]:
    head = text[:HEAD_SEARCH]
    if "NGHĨA VIỆT NAM" not in head and "ĐẢNG CỘNG SẢN" not in head:
        return text, OffsetMap()  # (a plain find: the pattern's leading alternation has no literal to start from)
    motto = FLATTENED_MOTTO.search(head)
    if motto is None:
        return text, OffsetMap()
    line_start = head.rfind("\n", 0, motto.start()) + 1
    line_end = head.find("\n", motto.end())
    line_end = len(head) if line_end < 0 else line_end
    line = head[line_start:line_end]
    if len(line) < 120 or not ("Số" in line or PLACE_DATE_COMMA.search(line)):
        return text, OffsetMap()  # the motto on a line of its own: not flattened
    edits: list[Edit] = []
    for match in DASH_RULE.finditer(line):
        edits.append((line_start + match.start(), line_start + match.end(), "\n"))
    breaks = {}
    for match in HEAD_PART.finditer(line):
        breaks[line_start + match.start()] = "\n"
        heading = HEADING_WORD.match(line, match.end())
        if heading and line.startswith(" ", heading.end()) and line[heading.end() + 1 : heading.end() + 2].islower():
            breaks[line_start + heading.end()] = "\n"  # "KẾ HOẠCH về …": the subject under the heading
    breaks.update({line_start + m.start(): "\n\n" for m in BODY_OPENING.finditer(line)})
    for match in PLACE_DATE_COMMA.finditer(line):
        place_start = place_name_start(line, match.start())
        if place_start > 0 and line[place_start - 1] == " ":
            breaks[line_start + place_start - 1] = "\n"
    for pos, new in breaks.items():
        if pos > line_start and not any(start <= pos < end for start, end, _ in edits):
            edits.append((pos, pos + 1, new))
    edits.sort()
    return _apply(text, edits)


def place_name_start(line: str, comma: int) -> int:
    """Where the place before ", ngày" starts: up to three words written as a name (``Hà Nội``,
    ``Thành phố Hồ Chí Minh``), not an acronym (``COVID-19``)."""
    start = comma
    for _ in range(4):
        word_start = line.rfind(" ", 0, start - 1) + 1 if start > 0 else 0
        word = line[word_start : start].strip()
        if not word or not word[0].isupper() or not word[1:].islower() or not word.isalpha():
            break
        start = word_start
    return start


# "Ð" (Icelandic eth) is not a Vietnamese letter: OCR and legacy fonts put it for "Đ", OCR often next
# to the "Đ" it misread twice ("QĐÐ-BYT", "GD&ĐÐT").
ETH = re.compile(r"ĐÐ|ÐĐ|Ð|ð")


def _eth(text: str) -> tuple[str, OffsetMap]:
    if "Ð" not in text and "ð" not in text:
        return text, OffsetMap()
    return _substitute(text, ETH, lambda m: "đ" if m.group(0) == "ð" else "Đ")


# What web copies of documents carry besides the document, each on a line of its own: the Official
# Gazette's page headers ("CÔNG BÁO/Số 123 + 124/Ngày 05-02-2021"), page-break markers ("--- Trang 2 ---",
# "Trang 2/5"), and a legal database's watermark lines ("thuvienphapluat.vn", "LuatVietnam").
PAGE_FURNITURE = AtLineStart(
    r"[ \t]*(?:CÔNG BÁO[ \t]*/[ \t]*Số[ \t]*[\d \t+]+/[ \t]*Ngày[ \t]*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    r"|-{2,}[ \t]*(?:Trang|Page)[ \t]+\d+[ \t]*-{2,}|(?:Trang|Page)[ \t]+\d+[ \t]*(?:/|of|trên)[ \t]*\d+"
    r"|(?:www\.)?(?:thuvienphapluat|luatvietnam|vanbanphapluat)\.vn\S*|LuatVietnam|Thư Viện Pháp Luật)[ \t]*(?=\n|\Z)",
    re.IGNORECASE,
)
FURNITURE_WORDS = ("CÔNG BÁO", "Trang", "TRANG", "Page", "thuvienphapluat", "luatvietnam", "LuatVietnam", "vanbanphapluat", "Thư Viện")


def _page_furniture(text: str) -> tuple[str, OffsetMap]:
    if not any(word in text for word in FURNITURE_WORDS):
        return text, OffsetMap()
    return _line_starts(text, PAGE_FURNITURE)


Step = Callable[[str], tuple[str, OffsetMap]]

STEPS: tuple[Step, ...] = (
    _invisible,
    _eth,
    _page_furniture,
    _flattened_head,
    _rule_lines,
    _emphasis,
    _heading_marks,
    _trailing_spaces,
    _broken_symbols,
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


# A letter's shape marks (circumflex, breve, horn) go before its tone mark: "a" + grave + circumflex,
# typed in that order, is the letter "ầ", which NFC alone (marks of one class keep their order) leaves
# as "à" + a loose circumflex.
SHAPE_MARKS = "\u0302\u0306\u031b"


def _vietnamese_nfc(cluster: str) -> str:
    base, marks = cluster[0], cluster[1:]
    ordered = "".join(m for m in marks if m in SHAPE_MARKS) + "".join(m for m in marks if m not in SHAPE_MARKS)
    return unicodedata.normalize("NFC", base + ordered)


def _nfc(text: str) -> tuple[str, OffsetMap]:
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap()
    composed, edits = _substitute(text, COMBINING_CLUSTER, lambda m: _vietnamese_nfc(m.group(0)))
    if not unicodedata.is_normalized("NFC", composed):  # compositions across clusters (rare): do it whole
        return unicodedata.normalize("NFC", text), OffsetMap([0], [len(unicodedata.normalize("NFC", text))], [0], [len(text)])
    return composed, edits


# OCR reads digits as letters: "2O2O", "20I3", "l28/NQ-CP". In text that OCR produced, a letter
# that can only be a digit where it stands (between digits, or opening a number before a slash)
# is read as the digit in ``text``; ``written`` keeps what OCR gave, so a citation's as_written
# shows it and the citation says it was corrected.
OCR_DIGIT = re.compile(r"(?<=\d)[OoIl](?=\d|[/.,;)\s]|$)|(?<=[\s(])[lI](?=\d{1,4}[ ]?/|\d{1,3}(?![\w]))|(?<=\d[/.])[OoIl](?=\d)")
OCR_DIGIT_VALUE = {"O": "0", "o": "0", "I": "1", "l": "1"}


# A Party symbol's type code that OCR misread by one letter ("9028-CW/VPTW"): read as the one known
# type code that letter's usual confusion gives ("CV").
PARTY_TYPE_CODE = re.compile(r"(?<=\d-)[A-Z0-9]{2,4}(?=/)")
OCR_LETTER_CONFUSIONS = {"W": "V", "0": "O", "1": "I", "5": "S", "8": "B", "U": "V"}


def read_ocr_digits(text: str) -> str:
    """``text`` with letters OCR put for digits read as the digits, and Party type codes misread by
    one letter read as the known code (one character for one).

    >>> read_ocr_digits("Nghị quyết số l28/NQ-CP ngày 31/3/2O2O, Nghị định 45/20I3/NĐ-CP, Công văn 9028-CW/VPTW")
    'Nghị quyết số 128/NQ-CP ngày 31/3/2020, Nghị định 45/2013/NĐ-CP, Công văn 9028-CV/VPTW'
    """
    if any(c in text for c in "OoIl"):
        text = OCR_DIGIT.sub(lambda m: OCR_DIGIT_VALUE[m.group(0)], text)
    if "-" in text and "/" in text:
        text = PARTY_TYPE_CODE.sub(_known_type_code, text)
    return text


def _known_type_code(match: re.Match[str]) -> str:
    from graphbuild.tables import fold, type_by_code

    code = match.group(0)
    known = type_by_code()
    if fold(code) in known:
        return code
    candidates = {
        code[:i] + OCR_LETTER_CONFUSIONS[c] + code[i + 1 :] for i, c in enumerate(code) if c in OCR_LETTER_CONFUSIONS
    }
    found = [c for c in candidates if fold(c) in known]
    return found[0] if len(found) == 1 else code


def normalise(original: str, *, ocr: bool = False) -> Normalised:
    """Normalise ``original`` (see the module docstring for what changes and what is kept);
    ``ocr``: the text came from OCR, letters read for digits are read as digits in ``text``."""
    text, first = _nfc(original)
    maps = [first]
    if any(c in text for c in ODD_SPACES):
        text = text.translate(ODD_SPACE)  # one character for one: no map needed
    # One step can expose work for another ("**#### " is a heading once the emphasis is gone),
    # so the steps run in rounds until none changes anything: normalising twice then changes
    # nothing. A step that found nothing to do in the text as it is now is not run again until
    # the text changes (the result is the same as running it: it would find nothing again).
    version = 0  # how many steps have changed the text
    clean_at = [-1] * len(STEPS)  # the version in which each step last found nothing to do
    # Page furniture is whole lines of its own words ("Trang 2/5", "CÔNG BÁO/Số …"): no other step
    # writes those words, so a text without them never has furniture, however the rounds go.
    skipped = () if any(word in text for word in FURNITURE_WORDS) else (STEPS.index(_page_furniture),)
    for _ in range(MAX_ROUNDS):
        for index, step in enumerate(STEPS):
            if clean_at[index] == version or index in skipped:
                continue
            text, edits = step(text)
            if edits.out_starts:
                maps.append(edits)
                version += 1
            else:
                clean_at[index] = version
        if all(clean == version for clean in clean_at):
            break
    written = _soft_line_breaks(text)
    matched = unify_tone_placement(written)
    if ocr:
        matched = read_ocr_digits(matched)
    return Normalised(original, written, matched, tuple(m for m in maps if m.out_starts))
