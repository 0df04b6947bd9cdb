"""The texts a build read, kept in the home by content hash: what a document's card shows.

A scan's OCR takes seconds a page; its card must not read it again. Each file's text is written
once, as read (the original text that every span points into), with how it was read, compressed:
``<home>/texts/ab/abcdef….json.gz``.
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


def keep_text(folder: Path, source: SourceText) -> None:
    """Write the text of ``source`` unless it is kept already (written whole, then renamed)."""
    path = _path(folder, source.content_hash)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"text": source.text, "method": source.method, "ocr_pages": source.ocr_pages, "pages": source.pages, "path": source.path}
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), compresslevel=5))
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
