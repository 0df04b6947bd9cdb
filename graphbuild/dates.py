"""Dates as Vietnamese notices write them, to ISO ``YYYY-MM-DD``.

>>> [d for d, _ in find_dates("ngày 11/10/2021 và ngày 05 tháng 02 năm 2021")]
['2021-10-11', '2021-02-05']
>>> [d for d, _ in find_dates("Quốc khánh 02/9, năm học 2021 - 2022, 24/24")]
[]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

# "11/10/2021", "05-02-2021", "04.11.2021"
NUMERIC_DATE_REST = r"[ ]?(?P<sep>[/.-])[ ]?(?P<m>\d{1,2})[ ]?(?P=sep)[ ]?(?P<y>(?:19|20)\d\d)"
NUMERIC_DATE = r"(?P<d>\d{1,2})" + NUMERIC_DATE_REST
# "ngày 05 tháng 02 năm 2021"
WORDED_DATE_REST = r"gày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*,?\s+năm\s+(?P<wy>(?:19|20)\d\d)"
WORDED_DATE = "n" + WORDED_DATE_REST
# Not inside a longer number or a fraction. Checked after the first character, so that the scan
# can skip ahead to candidates (a lookbehind first makes the engine try every position).
NOT_AFTER_NUMBER = r"(?<![\d/].)"
DATE = re.compile(
    rf"(?:(?P<d>\d{NOT_AFTER_NUMBER}\d?){NUMERIC_DATE_REST}|n{NOT_AFTER_NUMBER}{WORDED_DATE_REST})(?![\d/])", re.IGNORECASE
)
# A date introduced as one: "ngày 11/10/2021", "ngày 05 tháng 02 năm 2021"
STATED_DATE = re.compile(rf"(?:ngày[ \t]*{NUMERIC_DATE}|{WORDED_DATE})(?![\d/])", re.IGNORECASE)  # "ngày30/12/2016" (OCR) too


@lru_cache(maxsize=4096)
def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_from_match(match: re.Match[str]) -> str | None:
    if match.group("d"):
        return iso_date(match.group("d"), match.group("m"), match.group("y"))
    return iso_date(match.group("wd"), match.group("wm"), match.group("wy"))


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, tuple[int, int]]]:
    """Every valid date in ``text[start:end]`` with its span."""
    for match in DATE.finditer(text, start, len(text) if end is None else end):
        iso = date_from_match(match)
        if iso:
            yield iso, match.span()


def day_iso(day: int) -> str:
    """The inverse of :func:`day_number`: ``738074`` → ``2021-10-11``."""
    return dt.date.fromordinal(day).isoformat()


def vn_date(iso: str | None) -> str:
    """A date as Vietnamese documents write it.

    >>> vn_date("2021-10-11"), vn_date(None)
    ('11/10/2021', 'chưa rõ ngày')
    """
    if not iso:
        return "chưa rõ ngày"
    day = dt.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def day_number(iso: str | None) -> int | None:
    """Days since 0001-01-01: lags become plain subtraction in any store."""
    return dt.date.fromisoformat(iso).toordinal() if iso else None
