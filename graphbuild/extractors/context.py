"""What every extractor reads, prepared once per block of text, and what each gives back.

An extractor is a function ``find(ctx) -> Findings``. ``ctx`` holds the block (the notice, or a
certified copy of it) in the normalised text, with its offset map back to the original, and the
head's reading (type, symbol, place and date, subject: read first, since every other extractor
starts from where the head ends). ``ctx.found`` holds what the extractors before it found, by name.
The literal keywords of the text are found once, in one pass, and shared by every extractor through
:func:`graphbuild.keywords.keyword_hits`.

Findings map a document field to its value, or to a :class:`~graphbuild.records.Fact` (the value
with its basis, its evidence and its span); ``warnings`` add to the document's warnings. A name
that is not a document field (``issuer_place``) is passed on to later extractors only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from graphbuild.extractors.copies import Block
from graphbuild.extractors.head import Head, find_head
from graphbuild.normalise import Normalised
from graphbuild.records import Fact, Span

Findings = dict[str, Any]


@dataclass
class BlockContext:
    norm: Normalised
    block: Block
    found: Findings = field(default_factory=dict)
    # The block's bounds in the normalised text, and that text (plain attributes: read at every step)
    text: str = field(init=False)
    start: int = field(init=False)
    end: int = field(init=False)
    is_copy: bool = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.norm.text
        self.start, self.end = self.block.start, self.block.end
        self.is_copy = self.block.copy_kind is not None

    @cached_property
    def head(self) -> Head:
        return find_head(self.norm.text, self.block.start, self.block.end, copy_kind=self.block.copy_kind)

    @property
    def body_start(self) -> int:
        """Where the body starts, after the head."""
        return self.head.body_start

    @property
    def own_text_start(self) -> int:
        """Where the document's own words start: a certified copy's are after its stamp and head."""
        return self.head.body_start if self.is_copy else self.block.start

    def original(self, span: Span | None) -> Span | None:
        """A span of the normalised text as offsets into the original."""
        return Span(*self.norm.to_original(span.start, span.end)) if span else None

    def value(self, name: str) -> Any:
        """What an extractor before found for ``name``: the value, not its basis."""
        found = self.found.get(name)
        return found.value if isinstance(found, Fact) else found


Extractor = Callable[[BlockContext], Findings]


def fact_or_value(value: Any, described: str | None) -> Any:
    """A fact where the reader gave its basis; the value alone where it gave none."""
    return Fact.read(value, described) if described is not None else value
