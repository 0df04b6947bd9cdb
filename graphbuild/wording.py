"""Small text helpers shared by the extractors: re-casing capitals, expanding abbreviations, lines.

>>> recase("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY")
'Kết luận của Ban Thường vụ Tỉnh ủy'
>>> expand_abbreviations("UBND tỉnh")
'Ủy ban nhân dân tỉnh'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from graphbuild.tables import title_case_phrases

ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BTV": "Ban Thường vụ",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCĐ": "Ban Chỉ đạo",
    "VPCP": "Văn phòng Chính phủ",
    "TW": "Trung ương",
}
ABBREVIATION = re.compile(r"\b(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b")


@cache
def _phrase_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(p.lower()) for p in title_case_phrases()) + r")(?!\w)")


@cache
def _phrase_case() -> dict[str, str]:
    return {p.lower(): p for p in title_case_phrases()}


def is_capitals(text: str) -> bool:
    """Has letters, all of them capitals (``THÔNG BÁO``, ``SỐ 12``)."""
    return text.isupper()


def recase(text: str, *, sentence: bool = True) -> str:
    """Write a heading typed in capitals the way the body would write it."""
    lowered = _phrase_pattern().sub(lambda m: _phrase_case()[m.group(1)], text.lower())
    if sentence and lowered:
        lowered = lowered[0].upper() + lowered[1:]
    return lowered


def expand_abbreviations(text: str) -> str:
    return ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def lines_with_offsets(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """``(line_start, line_end, line)`` for each line of ``text[start:end]``."""
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        if stop < 0:
            stop = end
        yield pos, stop, text[pos:stop]
        pos = stop + 1


def clean_item(text: str) -> str:
    """A list item without its bullet, trailing punctuation and doubled spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[-+•–]\s*", "", text)
    return text.rstrip(" ,;.").strip()


# A full stop, "!" or "?" before white space, or a line break: one branch, so the scan skips ahead.
SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|(?=\s))")


def sentence_bounds(text: str, start: int, end: int, *, limit: int = 600) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the last full stop or line break."""
    lo = max(0, start - limit)
    before = [m.end() for m in SENTENCE_END.finditer(text, lo, start)]
    s = before[-1] if before else lo
    after = SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = after.end() if after else min(len(text), end + limit)
    return s, e
