"""Shared writers for every command that prints rows: a rich table, CSV, JSON or JSON lines.

CSV is UTF-8 with a byte-order mark so that Excel shows Vietnamese correctly. Rows sorted by a
Vietnamese name are sorted with :func:`vietnamese_key` (byte order puts ``Đà Nẵng`` after
``Yên Bái``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import IO, Any

FORMATS = ("table", "csv", "json", "jsonl")

# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tone (none, grave, hook, tilde, acute, dot below).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = {"\u0306", "\u0302", "\u031b"}


def vietnamese_key(text: Any) -> tuple[Any, ...]:
    """Sort key for Vietnamese text, syllable by syllable: letters in the Vietnamese alphabet's
    order, then the tone (none, grave, hook, tilde, acute, dot below); numbers before text,
    missing values last.

    >>> sorted(["Yên Bái", "Đà Nẵng", "An Giang", "Điện Biên", "Bạc Liêu", "Bà Rịa - Vũng Tàu"], key=vietnamese_key)
    ['An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Đà Nẵng', 'Điện Biên', 'Yên Bái']
    """
    if text is None:
        return ((2,),)
    if not isinstance(text, str):
        return ((0, text),)
    return _text_key(text)


@lru_cache(maxsize=65536)
def _text_key(text: str) -> tuple[Any, ...]:
    return ((1,), tuple(_syllable_key(word) for word in text.split()))


def _syllable_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tone = 0
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONES:
            tone = _TONES[char]
            continue
        if char in _SHAPES and letters:
            base = _ALPHABET[letters[-1]] if 0 <= letters[-1] < len(_ALPHABET) else ""
            letters[-1] = _LETTER_RANK.get(unicodedata.normalize("NFC", base + char), letters[-1])
            continue
        letters.append(_LETTER_RANK.get(char, 100 + ord(char)))
    return tuple(letters), (tone,)


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "@", "\t", "\r")
NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")


def _cell(value: Any) -> str:
    """A cell as text. Text that a spreadsheet would run as a formula gets a leading ``'``.

    >>> _cell("=SUM(A1)"), _cell(-5), _cell("-5"), _cell("-2+3+cmd|' /C calc'!A0"), _cell("- Như trên"), _cell(["a"])
    ("'=SUM(A1)", '-5', '-5', "'-2+3+cmd|' /C calc'!A0", "'- Như trên", '["a"]')
    """
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and (value.startswith(FORMULA_START) or (value.startswith("-") and not NUMBER.fullmatch(value))):
        return "'" + value  # "-2+3+cmd|…" runs as a formula too: only a plain negative number is left as it is
    return str(value)


TABLE_CELL = 90  # characters a terminal table shows of one cell; files get the whole text


def shorten(text: str, limit: int = TABLE_CELL) -> str:
    """``text`` cut at a word boundary with "…" when longer than ``limit`` (for terminal tables).

    >>> shorten("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ", 30)
    'Thực hiện Nghị quyết số…'
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def generate_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or _columns(rows))
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        for key in row:
            columns.setdefault(key, None)
    return list(columns)


def write_rows(
    rows: Sequence[dict[str, Any]],
    *,
    fmt: str,
    out: IO[str] | None = None,
    title: str | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Write ``rows`` in ``fmt`` to ``out`` (stdout when ``None``; a table is drawn with rich)."""
    import sys

    stream = out or sys.stdout
    if fmt == "json":
        stream.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        stream.write(generate_csv(rows, columns))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        cols = list(columns or _columns(rows))
        for column in cols:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(shorten(_cell(row.get(c))) for c in cols))
        interactive = hasattr(stream, "isatty") and stream.isatty()
        Console(file=stream, width=None if interactive else 1000).print(table)  # piped: one row per line

