"""Small helpers that make extraction tests read as tables of (text → expected facts)."""

from __future__ import annotations

from graphbuild import extract
from graphbuild.records import Citation, DocumentRecord

NOTICE_HEAD = "Số 12-TB/TU\n\nĐiện Biên, ngày 10 tháng 10 năm 2021\n\nTHÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy\n\n"


def notice(body: str, head: str = NOTICE_HEAD) -> DocumentRecord:
    """A Điện Biên Thông báo around ``body``; returns its record."""
    return extract(head + body)[0]


def citations(body: str) -> list[Citation]:
    return notice(body).citations


def cite(body: str) -> Citation:
    found = citations(body)
    assert len(found) == 1, [c.as_written for c in found]
    return found[0]
