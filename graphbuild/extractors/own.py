"""The document's own facts that its head gives: type, number and symbol, date, place, subject.

The head is read once (:mod:`graphbuild.extractors.head`, into the block's context); the finders
here turn that reading into facts with their basis, and fill what the head leaves empty from the
body (a resolution's closing formula dates it). A new own fact found in the head or the body is a
finder here, added to ``FINDERS``, and its field declared in :mod:`graphbuild.records`.
"""

from __future__ import annotations

from graphbuild.extractors.context import BlockContext, Findings, fact_or_value
from graphbuild.extractors.head import closing_adoption_date
from graphbuild.records import Fact


def find_type_and_subject(ctx: BlockContext) -> Findings:
    head = ctx.head
    return {
        "type": fact_or_value(head.type, head.type_basis),
        "subject": head.subject,
        "meeting_date": head.meeting_date,
        "place": head.place,
    }


def find_date(ctx: BlockContext) -> Findings:
    """The place-date line's date (or the e-signature stamp's); else a closing formula's."""
    head = ctx.head
    if head.date is None:
        adopted = closing_adoption_date(ctx.text, head.body_start, ctx.end)
        if adopted:
            return {"date": Fact(adopted[0], "stated", f"closing formula '{adopted[1]}'")}
    return {"date": fact_or_value(head.date, head.date_basis)}


def find_symbol(ctx: BlockContext) -> Findings:
    """``Số: 274-TB/TU``: the symbol as written, its canonical form and number, and the year."""
    head = ctx.head
    found: Findings = {"symbol": head.symbol_text}
    if head.symbol:
        found.update(canonical=head.symbol.canonical, number=head.symbol.number)
    elif head.symbol_text:
        found["warnings"] = [f"the number is left blank in the symbol 'Số: {head.symbol_text}'"]
    date = ctx.value("date")
    found["year"] = int(date[:4]) if date else (head.symbol.year if head.symbol else None)
    return found


FINDERS = (find_type_and_subject, find_date, find_symbol)
