"""Certified copies: a ``SAO LỤC`` / ``SAO Y`` block after a notice is a second document.

The block starts at the copying body's letterhead (capitals, a ``*`` line, ``Số …``) just
above the ``SAO LỤC`` line, and runs to the end of the file or the next copy block.
"""

from __future__ import annotations

import re
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


def split_blocks(text: str) -> list[Block]:
    """The original document, then one block per certified copy."""
    marks: list[LineMatch] = []
    for mark in COPY_MARK.finditer(text):
        if marks and not text[marks[-1].end() : mark.start()].strip():
            continue  # the same mark repeated (a stamp OCR'd twice): one copy
        marks.append(mark)
    if not marks:
        return [Block(0, len(text), None)]
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
    return blocks
