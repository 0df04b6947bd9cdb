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


# A sentence ends at a full stop, "!" or "?" before white space, or at a line break.
SENTENCE_STOPS = ".!?"


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    """Where the last sentence ending in ``text[lo:hi]`` ends, or ``lo``: found with ``rfind``,
    which is several times faster than scanning for a class of characters."""
    best = text.rfind("\n", lo, hi) + 1 or lo
    for stop in SENTENCE_STOPS:
        pos = text.rfind(stop, best, hi)
        while pos >= 0:
            if pos + 1 < hi and text[pos + 1].isspace():
                best = max(best, pos + 1)
                break
            pos = text.rfind(stop, best, pos)
    return best


def _next_sentence_end(text: str, lo: int, hi: int) -> int | None:
    found = text.find("\n", lo, hi)
    best = found + 1 if found >= 0 else None
    for stop in SENTENCE_STOPS:
        pos = text.find(stop, lo, best - 1 if best else hi)
        while pos >= 0:
            if pos + 1 < hi and text[pos + 1].isspace():
                best = pos + 1
                break
            pos = text.find(stop, pos + 1, best - 1 if best else hi)
    return best


def sentence_bounds(text: str, start: int, end: int, *, limit: int = 600) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the last full stop or line break.

    >>> text = "Một. Hai ba.\\nBốn năm? Sáu"
    >>> [text[slice(*sentence_bounds(text, i, i))] for i in (1, 7, 15)]
    ['Một.', ' Hai ba.', 'Bốn năm?']
    """
    lo = max(0, start - limit)
    s = _last_sentence_end(text, lo, start)
    stop = min(len(text), end + limit)
    e = _next_sentence_end(text, end, stop)
    return s, stop if e is None else e
