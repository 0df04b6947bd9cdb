"""Which reader a file goes to, and what every reader returns: :class:`SourceText`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.errors import EmptyFile, NotADocument, UnreadableFile, UnsupportedFormat
from graphbuild.reading.layout import PieceMap, looks_like_layout, recover_layout, unboxed
from graphbuild.reading.plain import TEXT_SUFFIXES, decode_text

WORD_SUFFIXES = {".docx"}
CONVERTED_SUFFIXES = {".doc", ".odt", ".rtf"}  # through LibreOffice
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
WEB_SUFFIXES = {".html", ".htm"}
# Files that sit beside documents in analysts' folders: listed as skipped, never read as notices.
DATA_SUFFIXES = {".json", ".jsonl", ".csv", ".tsv", ".xml", ".log", ".py", ".graphml", ".gexf"}
SUFFIXES = TEXT_SUFFIXES | WORD_SUFFIXES | CONVERTED_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES | WEB_SUFFIXES


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


def find_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under ``paths`` (folders recurse), sorted, hidden files skipped.

    Files of a kind lexgraph does not read are yielded too: reading them raises a named
    :class:`UnsupportedFormat`, so a folder never skips a file silently.
    """
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                # files; and what is not one but must not pass unsaid: links that lead nowhere, loop or
                # reach a folder (not followed), empty folders (reading them says why: see not_a_file)
                if child.is_file() or child.is_symlink() or (child.is_dir() and not any(child.iterdir())):
                    yield child
        elif path.exists():
            yield path
        else:
            raise UnreadableFile(str(path), "no such file or folder", "Check the path.")


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
    if suffix in WORD_SUFFIXES:
        from graphbuild.reading.word import read_docx

        source.text, source.encoding, source.warnings = read_docx(path)
        source.method = "docx"
    elif suffix in CONVERTED_SUFFIXES:
        from graphbuild.reading.word import read_converted

        source.text, source.encoding, source.warnings = read_converted(path)
        source.method = "docx"
    elif suffix in PDF_SUFFIXES:
        from graphbuild.reading.pdf import read_pdf

        read_pdf(path, source, options)
    elif suffix in IMAGE_SUFFIXES:
        from graphbuild.reading.ocr import read_image

        read_image(path, source, options)
    elif suffix in WEB_SUFFIXES:
        from graphbuild.reading.web import read_html

        source.text, source.encoding, source.warnings = read_html(raw, str(path))
        source.method = "html"
    elif suffix in TEXT_SUFFIXES or suffix == "":
        source.text, source.encoding, source.warnings = decode_text(raw, str(path))
        columns = unboxed(source.text)
        if looks_like_layout(columns):
            # A PDF's layout text kept as .txt, or a Word file's text with its head and foot in a table:
            # the columns are put in reading order as a PDF's are.
            recovered = recover_layout(columns.split("\f"))
            source.raw_text, source.layout, source.text = source.text, recovered.pieces, recovered.text
            source.method = "layout-text"
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

