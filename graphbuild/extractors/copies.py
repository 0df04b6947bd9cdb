"""Certified copies: a ``SAO LỤC`` / ``SAO Y`` block after a notice is a second document.

The block starts at the copying body's letterhead (capitals, a ``*`` line, ``Số …``) just
above the ``SAO LỤC`` line, and runs to the end of the file or the next copy block.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from graphbuild.wording import AtLineStart, LineMatch, is_capitals

# "SAO LỤC", "SAO Y BẢN CHÍNH", "SAO Y", "TRÍCH SAO"
COPY_MARK = AtLineStart(r"[ \t]*(?P<kind>SAO LỤC|SAO Y(?: BẢN CHÍNH)?|TRÍCH SAO)[ \t]*$")
# The most lines a copying body's letterhead (name, "*", number, place and date, blank lines) takes.
LETTERHEAD_LINES = 12
COPY_KINDS = {"SAO LỤC": "Sao lục", "SAO Y": "Sao y", "SAO Y BẢN CHÍNH": "Sao y", "TRÍCH SAO": "Trích sao"}


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    copy_kind: str | None  # None for the original document
    mark_span: tuple[int, int] | None = None


def _is_letterhead_line(line: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or stripped in {"*", "-", "***"}
        or is_capitals(stripped)
        or stripped.startswith(("Số", "Số:"))
        or bool(re.match(r"^[^\n,]{2,40}, ngày", stripped))
    )


# A copy is stamped with what Nghị định 30/2020 (Điều 25–27) asks of it: its own number ("Số: 12/SY-VP")
# and place-date, next to the mark. A mark without them is a word in the text, not a copy.
COPY_STAMP_PARTS = re.compile(r"(?m)^[ \t]*S[ốo][ \t]*:?[ \t]*\S|, ng[àa]y[ \t]*\d|ng[àa]y[ \t]+\d{1,2}[ \t]+th[áa]ng")
# How far from the mark its stamp is looked for (the copying body's letterhead above it, the
# place-date and signature below).
STAMP_REACH = 600
# The most certified copies one file yields. Real files hold the original and a copy or two (a
# "SAO LỤC" of it, a "SAO Y" of that); a file with more marks than this is not read as that many
# documents (a text of repeated "SAO Y" lines would otherwise become thousands): the marks after
# the fifth stay in the fifth copy, and the original says so in a warning.
MAX_COPIES = 5


def split_blocks(text: str) -> tuple[list[Block], int]:
    """The original document, then one block per certified copy; and how many copy marks were left
    inside the last copy because the file had more than :data:`MAX_COPIES`."""
    marks: list[LineMatch] = []
    stamp_parts: list[int] | None = None  # where numbers and place-dates are (found once: files of many marks stay linear)
    for mark in COPY_MARK.finditer(text):
        if marks and not text[marks[-1].end() : mark.start()].strip():
            continue  # the same mark repeated (a stamp OCR'd twice): one copy
        if stamp_parts is None:
            stamp_parts = [found.start() for found in COPY_STAMP_PARTS.finditer(text)]
        nearest = bisect_left(stamp_parts, mark.start() - STAMP_REACH)
        if nearest == len(stamp_parts) or stamp_parts[nearest] > mark.end() + STAMP_REACH:
            continue  # no number or place-date near it: not a copy's stamp
        marks.append(mark)
    beyond = max(0, len(marks) - MAX_COPIES)
    marks = marks[:MAX_COPIES]
    if not marks:
        return [Block(0, len(text), None)], beyond
    starts: list[int] = []
    for index, mark in enumerate(marks):
        start = mark.start()
        floor = marks[index - 1].end() if index else 0
        # Walk back over the copying body's letterhead lines: a few lines, never into the copy before
        # (walking back without a bound made a file of repeated marks quadratic).
        for _ in range(LETTERHEAD_LINES):
            if start <= floor:
                break
            prev_end = start - 1
            prev_start = max(floor, text.rfind("\n", 0, prev_end) + 1)
            if not _is_letterhead_line(text[prev_start:prev_end]):
                break
            start = prev_start
        starts.append(start)
    blocks = [Block(0, starts[0], None)]
    for i, mark in enumerate(marks):
        end = starts[i + 1] if i + 1 < len(marks) else len(text)
        blocks.append(Block(starts[i], end, COPY_KINDS[mark.group("kind")], mark.span()))
    return blocks, beyond
