"""A document's card as a self-contained offline page: its facts with their basis and confidence,
its citations, what cites it, and the text as read with every extracted fact highlighted where it
was read (hover: what was extracted and why). Text from notices is escaped by Jinja, never run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graphbuild.cards import FIELD_NAMES, LEVEL_NAMES, Card
from graphbuild.vocabulary import relation_name


@dataclass
class Piece:
    """A run of the text: plain, or a highlighted fact."""

    text: str
    kind: str | None = None  # "date", "issuer", …, "citation"
    start: int = 0
    end: int = 0
    level: str | None = None
    title: str = ""


def marks_of(card: Card) -> list[Piece]:
    """The card's highlights, each on the span of the original text it was read from."""
    marks = []
    for fact in card.facts:
        if fact.span and fact.value is not None:
            named = FIELD_NAMES.get(fact.field, fact.field)
            title = f"{named}: {fact.value} · {LEVEL_NAMES.get(fact.confidence or '', fact.confidence or '')} · {fact.how}"
            marks.append(Piece("", fact.field, fact.span[0], fact.span[1], fact.confidence, title))
    for citation in card.citations:
        spans = citation.get("spans") or []
        for i in range(0, len(spans) - 1, 2):
            title = f"trích dẫn (cites) {citation['label']} · {relation_name(citation['relation'])}"
            if citation.get("relation_cue"):
                title += f" ('{citation['relation_cue']}')"
            title += f" · {LEVEL_NAMES.get(citation.get('confidence') or '', '')}"
            if citation.get("doubt"):
                title += f": {citation['doubt']}"
            marks.append(Piece("", "citation", spans[i], spans[i + 1], citation.get("confidence"), title))
    return marks


def pieces(text: str, marks: list[Piece]) -> list[Piece]:
    """The text cut at the marks (two facts read from the same words share one mark; of other
    overlapping marks, the one starting first is kept)."""
    out: list[Piece] = []
    at = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        last = out[-1] if out else None
        if last is not None and last.kind and (last.start, last.end) == (mark.start, mark.end):
            last.kind, last.title = f"{last.kind} {mark.kind}", f"{last.title}\n{mark.title}"
            last.level = max((last.level, mark.level), key=lambda level: ("certain", "likely", "doubtful").index(level) if level else -1)
            continue
        if mark.start < at or mark.end > len(text) or mark.end <= mark.start:
            continue
        if mark.start > at:
            out.append(Piece(text[at : mark.start]))
        mark.text = text[mark.start : mark.end]
        out.append(mark)
        at = mark.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def generate_card_page(card: Card) -> str:
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    text = card.text or ""
    return environment.get_template("card.html").render(
        title=f"Thẻ văn bản (document card): {card.label}", card=card, facts=card.fact_rows(), citations=card.citation_rows(),
        cited_by=card.cited_by_rows(), pieces=pieces(text, marks_of(card)), has_text=bool(text),
    )


def write_card_page(card: Card, out: str | Path) -> Path:
    path = Path(out)
    path.write_text(generate_card_page(card), encoding="utf-8")
    return path


def card_fragment(card: Card) -> dict[str, Any]:
    """What the map embeds of a card: the page's body, rendered (escaped) once."""
    return {"uid": card.uid, "html": generate_card_page(card)}
