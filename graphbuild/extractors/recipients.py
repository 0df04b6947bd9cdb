"""Recipients: the ``Kính gửi:`` list at the top of a letter and the ``Nơi nhận:`` list at the end.

Items are cut from the text *as written* (tone marks where the author put them), one per
bullet; a line without a bullet continues the item above it.
"""

from __future__ import annotations

import re

from graphbuild.extractors.context import BlockContext, Findings
from graphbuild.wording import AtLineStart, clean_item

DISTRIBUTION = AtLineStart(r"[ \t]*Nơi[ \t]+nhận[ \t]*:[ \t]*", re.IGNORECASE)
# "- Sở Y tế - Sở Giáo dục": bullets run together on one line (items have single spaces here)
INLINE_BULLET = re.compile(r" - (?=[A-ZĐÀ-Ỹ])")
BULLET = re.compile(r"^[ \t]*[-+•–]")
# Words that open a body paragraph, not an addressee
BODY_START = re.compile(r"[ \t]*(?:Căn cứ|Thực hiện|Theo|Trong|Ngày \d|Để|Nhằm|Hiện nay|Triển khai|Trên cơ sở|Tiếp tục|Thời gian qua)\b")


def _items(written: str, pos: int, end: int, *, stop_at_blank_after_items: bool) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    seen_blank = False
    for line in written[pos:end].split("\n"):
        if not line.strip():
            if current:
                seen_blank = True
            if stop_at_blank_after_items and current:
                break
            continue
        if current and not BULLET.match(line) and (BODY_START.match(line) or len(line) > 150):
            break  # the body starts right after the list (web text has no blank line between them)
        if BULLET.match(line) or not current:
            if seen_blank and not BULLET.match(line):
                break
            if current:
                items.append(clean_item(" ".join(current)))
            current = [line]
            # "Kính gửi: - A,  - B" on one line: split inline bullets
        else:
            current.append(line)
    if current:
        items.append(clean_item(" ".join(current)))
    split: list[str] = []
    for item in items:
        parts = INLINE_BULLET.split(item) if " - " in item else [item]
        split.extend(part for part in (clean_item(p) for p in parts) if part)
    return split


def find_recipients(text: str, written: str, start: int, end: int, *, greeting_span: tuple[int, int] | None) -> list[str]:
    recipients: list[str] = []
    if greeting_span:  # the head found "Kính gửi:"; the list starts right after it
        recipients += _items(written, greeting_span[1], end, stop_at_blank_after_items=True)
    for match in DISTRIBUTION.finditer(text, start, end):
        recipients += _items(written, match.end(), end, stop_at_blank_after_items=True)
    return recipients


def find(ctx: BlockContext) -> Findings:
    return {"recipients": find_recipients(ctx.text, ctx.norm.written, ctx.start, ctx.end, greeting_span=ctx.head.greeting_span)}
