"""Read notice files into text: .txt/.md (UTF-8, UTF-16, Windows-1258, legacy fonts), .docx, .pdf.

One public verb, :func:`read_document`; :func:`find_documents` walks folders.
Text typed in a legacy Vietnamese font encoding (TCVN3/ABC, VNI, VISCII) is detected with
``viparse`` and converted, with a warning: charset detectors take TCVN3 for cp1257.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import BinaryFile, EmptyFile, ScannedPdf, UnreadableFile, UnsupportedFormat

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}

# Letters only Unicode Vietnamese text has (ơ, ư, ă, đ and the precomposed tone letters).
UNICODE_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# The commonest of the letters only Unicode Vietnamese text has.
UNICODE_ONLY_COMMON = "ươđăƯƠĐĂ"
LEGACY_SAMPLE = 4000


@dataclass
class SourceText:
    path: str
    text: str
    encoding: str
    content_hash: str
    warnings: list[str] = field(default_factory=list)


def find_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable-looking file under ``paths`` (folders recurse), sorted, hidden files skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        elif path.exists():
            yield path
        else:
            raise UnreadableFile(str(path), "no such file or folder", "Check the path.")


def read_document(path: str | Path) -> SourceText:
    """Read one notice; raise a named :class:`UnreadableFile` saying what to do when it cannot."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(str(path), f"cannot be opened ({err.strerror})", "Check the path and permissions.") from err
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        raise EmptyFile(str(path), "the file is empty", "Remove it or replace it with the notice's text.")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, encoding, warnings = _read_docx(path)
    elif suffix == ".pdf":
        text, encoding, warnings = _read_pdf(path)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        text, encoding, warnings = decode_text(raw, str(path))
    else:
        raise UnsupportedFormat(
            str(path), f"'{suffix}' files are not read", "Save the notice as .txt, .md, .docx or a .pdf with a text layer."
        )
    if not text.strip():
        raise EmptyFile(str(path), "no text was found in the file", "Check that the file holds the notice's text.")
    return SourceText(str(path), text, encoding, digest, warnings)


def decode_text(raw: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode a plain-text file: BOMs first, then UTF-8, then legacy fonts, then Windows-1258."""
    warnings: list[str] = []
    if raw.startswith(codecs.BOM_UTF8):
        text, encoding = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = raw.decode("utf-16"), "utf-16"
    else:
        if _looks_binary(raw):
            raise BinaryFile(name, "this is a binary file, not text", "Export the notice as .txt, .docx or .pdf.")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            latin = raw.decode("latin-1")
            converted = _convert_legacy(latin)
            if converted is not None:
                text, legacy = converted
                warnings.append(f"converted from the legacy {legacy.upper()} font encoding")
                return text, legacy, warnings
            text, encoding = raw.decode("cp1258", errors="replace"), "cp1258"
            warnings.append("not UTF-8: read as Windows-1258")
            return text, encoding, warnings
    converted = _convert_legacy(text)
    if converted is not None:
        text, legacy = converted
        warnings.append(f"converted from the legacy {legacy.upper()} font encoding")
        encoding = f"{encoding}+{legacy}"
    return text, encoding, warnings


# Control bytes that text files do not contain (tab, line feed, form feed, carriage return aside).
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > len(head) * 0.05


def _convert_legacy(text: str) -> tuple[str, str] | None:
    """Convert text typed in TCVN3/VNI/VISCII; ``None`` when it already reads as Unicode."""
    # A file typed in a legacy font is typed so throughout: its opening is enough to tell.
    sample = text[:LEGACY_SAMPLE]
    # Counted cheaply first (pattern counts cost ~100 µs a file): Latin-1 glyphs exactly, from
    # the UTF-8 lead bytes C2 and C3 that start them and nothing else; ư ơ đ ă as a lower bound
    # of the Unicode-only letters, which settles nearly every Unicode text without the count.
    utf8 = sample.encode("utf-8", "surrogatepass")
    legacy_glyphs = utf8.count(b"\xc2") + utf8.count(b"\xc3")
    if legacy_glyphs < 8 or sum(map(sample.count, UNICODE_ONLY_COMMON)) > legacy_glyphs * 0.2:
        return None
    if len(UNICODE_VIETNAMESE.findall(sample)) > legacy_glyphs * 0.2:
        return None
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS
    from viparse.normalize.tables import convert

    detection = detect_encoding_by_content(text, AUTO_DETECT_CHARMAPS)
    if detection.encoding is None:
        return None
    return convert(text, AUTO_DETECT_CHARMAPS[detection.encoding]), detection.encoding


def _read_docx(path: Path) -> tuple[str, str, list[str]]:
    """Headers, body (paragraphs and tables in order), footers: letterheads often sit in tables."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnreadableFile(str(path), "is not a valid .docx file", "Open it in Word and save it again as .docx.") from err

    lines: list[str] = []

    def walk(container: Any) -> None:
        body = container._element if hasattr(container, "_element") else container
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, container).text)  # type: ignore[arg-type]
            elif tag == "tbl":
                for row in Table(child, container).rows:  # type: ignore[arg-type]
                    for cell in row.cells:
                        walk(cell)

    for section in document.sections:
        walk(section.header)
    walk(document.element.body if hasattr(document.element, "body") else document)
    for section in document.sections:
        walk(section.footer)
    text = "\n".join(lines)
    warnings: list[str] = []
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.font.name}
    converted = _convert_legacy(text)
    if converted is not None:
        text, legacy = converted
        warnings.append(f"converted from the legacy {legacy.upper()} font encoding (fonts: {', '.join(sorted(fonts)) or 'unknown'})")
        return text, f"docx+{legacy}", warnings
    return text, "docx", warnings


def _read_pdf(path: Path) -> tuple[str, str, list[str]]:
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as err:  # pypdf raises many types for broken files
        raise UnreadableFile(str(path), f"is not a readable PDF ({err})", "Check the file or export it again.") from err
    text = "\n\n".join(pages)
    if not text.strip():
        raise ScannedPdf(
            str(path), "this PDF has no text layer (a scan)", "Run OCR on it first (for example `ocrmypdf -l vie`), then add the result."
        )
    return text, "pdf", []
