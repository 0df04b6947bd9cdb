"""The texts a build read slowly, kept in the home by content hash: what a document's card shows.

A scan's OCR takes seconds a page, a ``.doc`` goes through LibreOffice: their cards must not read
them again. Such a file's text is written once, as read (the original text that every span points
into), with how it was read, compressed: ``<home>/texts/ab/abcdef….json.gz``. Other files (text,
Word, PDF text layers, web pages) are read again for their card in milliseconds, checked against
the content hash the graph holds; keeping their texts too cost a build a quarter of a millisecond
a file (a fifth of extraction), for nothing.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

from graphbuild.reading.source import SourceText

FOLDER = "texts"


def texts_folder(home: Path) -> Path:
    return Path(home) / FOLDER


def _path(folder: Path, content_hash: str) -> Path:
    return folder / content_hash[:2] / f"{content_hash}.json.gz"


# Files read through another program (LibreOffice converts them)
CONVERTED = (".doc", ".odt", ".rtf")


def worth_keeping(source: SourceText) -> bool:
    """Whether reading ``source`` again would be slow: OCR, or a conversion."""
    return bool(source.ocr_pages) or Path(source.path).suffix.lower() in CONVERTED


def keep_text(folder: Path, source: SourceText) -> None:
    """Write the text of ``source`` if reading it again would be slow, unless it is kept already
    (written whole, then renamed)."""
    if not worth_keeping(source):
        return
    path = _path(folder, source.content_hash)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"text": source.text, "method": source.method, "ocr_pages": source.ocr_pages, "pages": source.pages, "path": source.path}
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), compresslevel=1))
    os.replace(partial, path)


def kept_text(home: Path, content_hash: str | None) -> dict[str, Any] | None:
    """The text kept for ``content_hash``: ``{"text", "method", "ocr_pages", "pages", "path"}``, or None."""
    if not content_hash:
        return None
    path = _path(texts_folder(home), content_hash)
    try:
        return json.loads(gzip.decompress(path.read_bytes()))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def text_of(home: Path, content_hash: str | None, path: str | None) -> dict[str, Any] | None:
    """The text a document was read from: kept, else its file read again (None if the file is gone
    or changed since the build: its spans would point at other words)."""
    kept = kept_text(home, content_hash)
    if kept is not None or not path or not Path(path).exists():
        return kept
    from graphbuild.errors import UnreadableFile
    from graphbuild.reading import read_document

    try:
        source = read_document(path)
    except UnreadableFile:
        return None
    if source.content_hash != content_hash:
        return None
    return {"text": source.text, "method": source.method, "ocr_pages": source.ocr_pages, "pages": source.pages, "path": source.path}
