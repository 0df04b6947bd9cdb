"""Which reader a file goes to: the registry of readers by suffix, and the walk over folders.

Every reader has one signature, ``read(path, raw, source, options)``: it fills in the
:class:`~graphbuild.reading.source.SourceText` given (text, encoding, method, pages, warnings) or
raises a named :class:`~graphbuild.errors.UnreadableFile`. A new kind of file is a reader module
and a line in ``READERS``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from pathlib import Path

from graphbuild.errors import EmptyFile, NotADocument, UnreadableFile, UnsupportedFormat
from graphbuild.reading.plain import TEXT_SUFFIXES
from graphbuild.reading.source import ReadOptions, SourceText

Reader = Callable[[Path, bytes, SourceText, ReadOptions], None]

# Each suffix's reader, as ``module:function`` under graphbuild.reading; a module is imported when a
# file of its kind is first read (Word, PDF and OCR bring subprocess and zip handling with them).
READERS: dict[str, str] = {
    **dict.fromkeys(TEXT_SUFFIXES | {""}, "plain:read"),
    ".docx": "word:read",
    **dict.fromkeys((".doc", ".odt", ".rtf"), "word:read_converted_file"),  # through LibreOffice
    ".pdf": "pdf:read",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "ocr:read"),
    **dict.fromkeys((".html", ".htm"), "web:read"),
}
SUFFIXES = frozenset(READERS) - {""}


def reader_for(suffix: str) -> Reader | None:
    """The reader of files ending in ``suffix`` (lower case), or ``None``."""
    named = READERS.get(suffix)
    if named is None:
        return None
    module, function = named.split(":")
    reader: Reader = getattr(import_module(f"graphbuild.reading.{module}"), function)
    return reader


# Files that sit beside documents in analysts' folders: listed as skipped, never read as notices.
DATA_SUFFIXES = {".json", ".jsonl", ".csv", ".tsv", ".xml", ".log", ".py", ".graphml", ".gexf"}


def find_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under ``paths`` (folders recurse), sorted, hidden files skipped.

    Files of a kind lexgraph does not read are yielded too: reading them raises a named
    :class:`UnsupportedFormat`, so a folder never skips a file silently.
    """
    for path, _plain in find_entries(paths):
        yield path


def find_entries(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """:func:`find_documents` with whether each is a plain file found in a folder (not a link,
    not a folder): one that :func:`not_a_file` has nothing to say about, but its name."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path, False
        else:
            raise UnreadableFile(str(path), "no such file or folder", "Check the path.")


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Depth first, each folder's entries by name: the order of ``sorted(folder.rglob("*"))``
    (paths compare part by part), in one ``scandir`` per folder. Yields files; and what is not one
    but must not pass unsaid: links (not followed; a link that leads nowhere, loops or reaches a
    folder is told by :func:`not_a_file`) and empty folders. Hidden entries are skipped."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        if entry.is_symlink():
            yield child, False
        elif entry.is_dir():
            if not _has_entries(child):
                yield child, False
            else:
                yield from _walk(child)
        elif entry.is_file():
            yield child, True


def _has_entries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as listing:
            return next(listing, None) is not None
    except OSError:
        return True


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks: the content hash every reader gives its text."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def not_a_file(path: Path) -> UnreadableFile | None:
    """Why a path found in a folder is not a file to read: a link that leads nowhere or loops (an
    error), a link to a folder or an empty folder (skipped, listed with the reason), a name that is not
    valid UTF-8 (an error: it cannot be stored or shown as it is; the same for extract and build);
    ``None`` for a file."""
    shown = str(path).encode("utf-8", "replace").decode("utf-8")
    if shown != str(path):
        return UnreadableFile(shown, "its name is not valid UTF-8 (a legacy encoding?)", "Rename the file.")
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as err:  # RuntimeError: Python's word for a loop of links
            if isinstance(err, RuntimeError) or getattr(err, "errno", None) == 40:
                return UnreadableFile(str(path), "a link that leads back to itself (a loop)", "Remove the link, or point it at the notice's file.")
            return UnreadableFile(str(path), "a link to a file that does not exist", "Remove the link, or point it at the notice's file.")
        if target.is_dir():
            if target in path.parents or path.parent.resolve() == target or target in path.parent.resolve().parents:
                return NotADocument(str(path), "skipped: a link back into the folder (a loop), not followed", "Nothing to do.")
            return NotADocument(str(path), "skipped: a link to a folder, not followed", "Give the folder itself to read what it holds.")
        return None
    if path.is_dir():
        return NotADocument(str(path), "skipped: an empty folder", "Nothing to do.")
    return None


def read_document(path: str | Path, options: ReadOptions | None = None) -> SourceText:
    """Read one document; raise a named :class:`UnreadableFile` saying what to do when it cannot."""
    options = options or ReadOptions()
    path = Path(path)
    if (why := not_a_file(path)) is not None:
        raise why
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(str(path), f"cannot be opened ({err.strerror})", "Check the path and permissions.") from err
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        raise EmptyFile(str(path), "the file is empty", "Remove it or replace it with the notice's text.")
    suffix = path.suffix.lower()
    source = SourceText(str(path), "", "", digest)
    reader = reader_for(suffix)
    if reader is not None:
        reader(path, raw, source, options)
    elif suffix in DATA_SUFFIXES:
        raise NotADocument(str(path), f"skipped: a '{suffix}' data file, not a document", "Nothing to do.")
    else:
        raise UnsupportedFormat(
            str(path),
            f"'{suffix}' files are not read",
            "Save the notice as .txt, .md, .docx, .doc, .odt, .rtf, .html, .pdf or an image (.png, .jpg, .tif).",
        )
    if not source.text.strip():
        raise EmptyFile(str(path), "no text was found in the file", "Check that the file holds the notice's text.")
    return source

