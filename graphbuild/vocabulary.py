"""One vocabulary for every view, export and question: relations, levels, kinds of body and of
node, statuses and kinds of edge, each with its Vietnamese name (and English), colour and style.

The terms are data (``graphbuild/data/vocabulary.csv``); a relation also carries its term in the
European Legislation Identifier ontology (``eli``; ``replaces`` has no single term there and is
``eli:changes``, the property ELI gives for amendment, replacement, correction and repeal alike) and
in Akoma Ntoso (``akn``). A relation detail (``relation_detail``: the finer relation vbpl.vn, the
Party's documents and correspondence name: căn cứ ban hành, quán triệt, phúc đáp …) names the
relation it belongs to in ``style``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Term:
    group: str
    key: str
    name: str  # Vietnamese, as the documents and analysts say it
    name_en: str
    colour: str
    style: str  # an edge's line ("solid", "dashed"), a node kind's shape ("dot", "square" …), a relation detail's relation
    eli: str  # a relation's term in the ELI ontology
    akn: str  # a relation's Akoma Ntoso element (activeRef) or modification kind (textualMod:repeal, forceMod …)

    @property
    def labelled(self) -> str:
        """``Cấp tỉnh (provincial)``: the Vietnamese name with the English where it helps."""
        return f"{self.name} ({self.name_en})" if self.name_en else self.name


@cache
def terms(group: str) -> dict[str, Term]:
    """The terms of ``group`` (``relation``, ``level``, ``kind``, ``status``, ``edge``, ``category``,
    ``shape``), by key, in the file's order."""
    text = resources.files("graphbuild.data").joinpath("vocabulary.csv").read_text(encoding="utf-8")
    return {row["key"]: Term(**row) for row in csv.DictReader(text.splitlines()) if row["group"] == group}


def name(group: str, key: str | None, default: str | None = None) -> str:
    """The Vietnamese name of ``key`` in ``group``; ``default`` (or the key itself) when it has none."""
    term = terms(group).get(key or "")
    if term is not None:
        return term.name
    return default if default is not None else (key or "")


def keys(group: str) -> tuple[str, ...]:
    return tuple(terms(group))


def colour(group: str, key: str | None, default: str = "#7f8c8d") -> str:
    term = terms(group).get(key or "")
    return term.colour if term is not None and term.colour else default


def relation_name(relation: str | None) -> str:
    """The relation as the documents say it: ``implements`` → ``thực hiện``."""
    return name("relation", relation, relation or "không rõ")


def cites_name() -> str:
    """The citation edge's name with the relations it carries: ``trích dẫn (thực hiện, căn cứ, …)``."""
    return f"{name('edge', 'CITES')} ({', '.join(t.name for t in terms('relation').values())})"


def default_detail(relation: str) -> str | None:
    """The relation detail a relation has when no cue word names a finer one (the first listed)."""
    return next((t.key for t in terms("relation_detail").values() if t.style == relation), None)
