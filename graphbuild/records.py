"""What extraction produces: documents, their citations, signers — each fact with provenance.

Spans are ``[start, end)`` offsets into the *original* text of the source file, so a finding
can always be shown where it was written. ``basis`` says how a fact was found: ``stated``
(the words say it) or ``inferred`` (it follows from other words, named in ``evidence``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Signer:
    name: str
    role: str | None
    capacity: str | None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "capacity": self.capacity}


@dataclass
class Person:
    name: str
    title: str | None
    span: Span | None = None


@dataclass
class Citation:
    """One cited document, with every place the text mentions it."""

    as_written: str
    symbol: str | None
    canonical: str | None
    type: str | None
    number: int | None
    year: int | None
    date: str | None
    issuer: str | None
    level: str | None
    province: str | None
    relation: str
    mentions: int
    spans: list[Span]
    sentence: str
    issuer_basis: str | None = None
    kind: str | None = None  # "party", "state" or "mass" numbering
    uid: str | None = None
    warnings: list[str] = field(default_factory=list)
    from_ocr: bool = False  # read from OCR text: a digit or a diacritic may be misread
    corrected: bool = False  # OCR put letters for digits in its symbol or date; read as digits
    uncertain: bool = False  # more than one such letter: check against the page
    relation_all: list[str] | None = None  # every relation of its mentions, strongest first, where they differ
    relation_cue: str | None = None  # the words that decided the relation, as written
    reviewed: str | None = None  # an analyst's note where corrections.csv added or kept it ("" without a note)
    confidence: str | None = None  # certain, likely or doubtful: graphbuild/confidence.py
    doubt: str | None = None  # why it is not certain
    relation_detail: str | None = None  # the finer relation (vbpl.vn's, the Party's, correspondence's): graphbuild/data/vocabulary.csv

    def to_json(self) -> dict[str, Any]:
        """Every field, spans as ``[start, end]`` pairs (``dataclasses.asdict`` deep-copies
        field by field and costs three times more)."""
        data = {name: getattr(self, name) for name in _CITATION_FIELDS}
        data["spans"] = [[s.start, s.end] for s in self.spans]
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        """The citation :meth:`to_json` wrote."""
        values: dict[str, Any] = {name: data.get(name) for name in _CITATION_FIELDS}
        values["spans"] = [Span(start, end) for start, end in data.get("spans") or []]
        values["warnings"] = list(data.get("warnings") or [])
        return cls(**values)


_CITATION_FIELDS = tuple(f.name for f in fields(Citation))


# -- how a document's field is declared --------------------------------------------------------
#
# Every field of a document is declared once, below, with what it is: whether the extract JSON
# carries it and how, whether it is a property of the document's node (and whether a document
# that loses its file keeps it), whether the extract table shows it, and whether its value comes
# with a basis (a :class:`Fact`). The JSON, the node's properties, the properties cleared on
# demotion and the table's columns are all derived from these declarations.


@dataclass(frozen=True)
class Role:
    """What a document field is, for everything derived from it."""

    json: bool = True  # in ``lexgraph extract`` JSON
    node: str | None = "corpus"  # a node property: "corpus" (cleared when the file goes), "kept", or None
    column: str | None = None  # the extract table's column
    basis: bool = False  # found with a basis: ``<field>_basis`` in JSON and on the node
    encode: Callable[[Any], Any] | None = None  # the value as JSON, where it is not the value itself
    decode: Callable[[Any], Any] | None = None  # the value from its JSON (from the whole object where ``spread``)
    on_node: Callable[[Any], Any] | None = None  # the value as a node property, where not the JSON's
    shown: Callable[[dict[str, Any]], Any] | None = None  # the table cell, from the JSON object
    spread: bool = False  # its JSON is several keys (``encode`` gives them as a dict)


def declared(default: Any = None, *, factory: Callable[[], Any] | None = None, **role: Any) -> Any:
    """A document field with its :class:`Role` (``declared(basis=True, column="date")``)."""
    metadata = {"role": Role(**role)}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(slots=True)
class Fact:
    """One extracted fact: its value, how it was found (``stated``, ``inferred`` or ``none``), the
    words or the rule it rests on, and where it was read (normalised offsets, while extracting)."""

    value: Any
    basis: str = "stated"
    evidence: str | None = None
    span: Span | None = None

    @property
    def described(self) -> str:
        """``stated: 'Điện Biên, ngày 04 tháng 8 năm 2021'``: the basis as JSON and the graph give it."""
        return f"{self.basis}: {self.evidence}" if self.evidence else self.basis

    @classmethod
    def read(cls, value: Any, described: str | None, span: Span | None = None) -> Fact:
        """A fact from a basis already written out (``inferred: a letter opening with 'Kính gửi:'``)."""
        basis, _, evidence = (described or "none").partition(": ")
        return cls(value, basis, evidence or None, span)


def _span_json(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def _persons_json(persons: list[Person]) -> dict[str, Any]:
    return {"persons": [p.name for p in persons], "person_titles": {p.name: p.title for p in persons}}


def _persons_read(data: dict[str, Any]) -> list[Person]:
    titles = data.get("person_titles") or {}
    return [Person(name, titles.get(name)) for name in data.get("persons") or []]


@dataclass
class DocumentRecord:
    source: str = declared("", column="source", shown=lambda d: Path(d["source"]).name)
    uid: str | None = declared(node=None)
    type: str | None = declared(basis=True, node="kept", column="type")
    symbol: str | None = declared(node="kept", column="symbol")
    canonical: str | None = declared(node="kept")
    number: int | None = declared(node="kept")
    year: int | None = declared(node="kept")
    date: str | None = declared(basis=True, node="kept", column="date", shown=lambda d: d["date"] or d["meeting_date"])
    meeting_date: str | None = declared()
    subject: str | None = declared()
    issuer: str | None = declared(basis=True, node="kept", column="issuer")
    level: str | None = declared(node="kept")
    kind: str | None = declared(json=False, node="kept")
    province: str | None = declared(basis=True, node="kept", column="province")
    # The province among the 63 of 2021 and among the 34 after the 2025 reform (None where it cannot be told)
    province_2021: str | None = declared(node=None)
    province_2025: str | None = declared(node=None)
    place: str | None = declared()
    signers: list[Signer] = declared(
        factory=list, column="signers", encode=lambda signers: [s.to_json() for s in signers],
        decode=lambda items: [Signer(s["name"], s["role"], s["capacity"]) for s in items],
        on_node=lambda signers: [s.name for s in signers], shown=lambda d: ", ".join(s["name"] for s in d["signers"]),
    )
    recipients: list[str] = declared(factory=list)
    copy_of: str | None = declared(node=None)
    persons: list[Person] = declared(factory=list, node=None, encode=_persons_json, decode=_persons_read, spread=True)
    warnings: list[str] = declared(factory=list, column="warnings", shown=lambda d: len(d["warnings"]))
    citations: list[Citation] = declared(
        factory=list, column="citations", encode=lambda citations: [c.to_json() for c in citations], on_node=len,
        decode=lambda items: [Citation.from_json(c) for c in items],
        shown=lambda d: len(d["citations"]),
    )
    span: Span | None = declared(node=None, encode=_span_json, decode=lambda pair: Span(*pair) if pair else None)
    content_hash: str | None = declared()
    # How the words were read: "text", "docx", "html", "pdf-text", "ocr" or "pdf-text+ocr"
    read_by: str = declared("text", node=None)
    # Each own fact's level of confidence and why: {"date": ["doubtful", "no date read …"]} (graphbuild/confidence.py)
    confidence: dict[str, list[str]] = declared(factory=dict, node=None)
    # Where each own fact was read: {"date": [start, end]} in the original text
    fact_spans: dict[str, list[int]] = declared(factory=dict, node=None)
    # Each fact found with a basis, by field: its basis, evidence and span
    facts: dict[str, Fact] = field(default_factory=dict)

    def basis_of(self, name: str) -> str | None:
        """How the field ``name`` was found, written out (``stated: the letterhead names it …``)."""
        fact = self.facts.get(name)
        return fact.described if fact else None

    def set_fact(self, name: str, fact: Fact) -> None:
        setattr(self, name, fact.value)
        self.facts[name] = fact

    def to_json(self) -> dict[str, Any]:
        """The ``lexgraph extract --format jsonl`` object for this document."""
        data: dict[str, Any] = {}
        for name, role in document_fields():
            if not role.json:
                continue
            value = getattr(self, name)
            encoded = role.encode(value) if role.encode else value
            if role.spread:
                data.update(encoded)
            else:
                data[name] = encoded
            if role.basis:
                data[f"{name}_basis"] = self.basis_of(name)
        return data

    def to_shard(self) -> dict[str, Any]:
        """:meth:`to_json` with what a build needs beyond it (``kind``): one line of a records shard."""
        return {**self.to_json(), "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        """The record :meth:`to_shard` (or :meth:`to_json`, without ``kind``) wrote: what a build
        loads from it is what it loads from the record itself (each fact with its basis; the
        normalised offsets used while extracting are not kept, the original ones are)."""
        record = cls()
        for name, role in document_fields():
            if not role.json and name not in data:
                continue
            raw = data if role.spread else data.get(name)
            if raw is None and not role.spread:
                setattr(record, name, _empty(name))
                continue
            setattr(record, name, role.decode(raw) if role.decode else raw)
            if role.basis and data.get(f"{name}_basis") is not None:
                record.facts[name] = Fact.read(getattr(record, name), data[f"{name}_basis"])
        return record


def _empty(name: str) -> Any:
    default = DocumentRecord.__dataclass_fields__[name]
    return default.default_factory() if callable(default.default_factory) else default.default


@cache
def document_fields() -> tuple[tuple[str, Role], ...]:
    """The declared fields of a document, in order, with their roles."""
    return tuple((f.name, f.metadata["role"]) for f in fields(DocumentRecord) if "role" in f.metadata)


def table_columns() -> tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...]:
    """The extract table's columns: each with the cell it shows from a document's JSON."""
    return tuple((role.column, role.shown or itemgetter(name)) for name, role in document_fields() if role.column)


def node_properties(record: DocumentRecord) -> dict[str, Any]:
    """The document's own properties on its node, as declared (the model adds what it derives)."""
    props: dict[str, Any] = {}
    for name, role in document_fields():
        if role.node is None:
            continue
        value = getattr(record, name)
        props[name] = role.on_node(value) if role.on_node else value
        if role.basis:
            props[f"{name}_basis"] = record.basis_of(name)
    return props


def corpus_only_properties() -> tuple[str, ...]:
    """The node properties only a document with its own file has: cleared when its file goes."""
    names: list[str] = []
    for name, role in document_fields():
        if role.node == "corpus":
            names.append(name)
        if role.node is not None and role.basis:
            names.append(f"{name}_basis")
    return tuple(names)
