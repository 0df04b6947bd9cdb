"""What every reader returns (:class:`SourceText`) and how it is asked to read (:class:`ReadOptions`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphbuild.reading.layout import PieceMap


@dataclass(frozen=True)
class ReadOptions:
    """How to read: ``ocr`` off skips scans (a named error says so); ``ocr_language`` is Tesseract's."""

    ocr: bool = True
    ocr_language: str = "vie"


@dataclass
class SourceText:
    path: str
    text: str
    encoding: str
    content_hash: str
    warnings: list[str] = field(default_factory=list)
    # "text", "docx", "pdf-text", "ocr", "pdf-text+ocr", "html": where the words came from
    method: str = "text"
    pages: int = 0
    ocr_pages: int = 0
    # For PDFs and scans: the reader's page text (pages joined by form feeds) that ``text`` was put
    # in reading order from, and the map from ``text`` offsets back into it.
    raw_text: str | None = None
    layout: PieceMap | None = None

    def to_raw(self, pos: int) -> int | None:
        """Where a character of ``text`` stands in ``raw_text`` (``None``: a line break layout recovery inserted)."""
        return pos if self.layout is None else self.layout.to_input(pos)
