"""Word files: ``.docx`` with python-docx; ``.doc`` (Word 97–2003), ``.odt`` and ``.rtf`` converted to
``.docx`` by LibreOffice headless first (Debian ``libreoffice-writer-nogui``).

Offices lay the head and the signature out in borderless tables: a row holds the issuing body
and the motto, or ``Nơi nhận:`` and the signature. Each cell is read as a block of its own, a
blank line after it, so the columns come out one after the other, as on a page read column by
column, and a list of recipients never runs into the signature beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from graphbuild.errors import MissingTool, UnreadableFile
from graphbuild.reading.plain import _convert_legacy
from graphbuild.reading.source import ReadOptions, SourceText

LIBREOFFICE_FIX = "Install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) or save the file as .docx."


def read_docx(path: Path) -> tuple[str, str, list[str]]:
    """Headers, body (paragraphs and tables in order), footers."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as err:
        raise UnreadableFile(str(path), "is not a valid .docx file", "Open it in Word and save it again as .docx.") from err
    except Exception as err:  # lxml's XMLSyntaxError and kin: a damaged document part
        raise UnreadableFile(str(path), f"is a damaged .docx file ({type(err).__name__})", "Open it in Word and save it again as .docx.") from err

    lines: list[str] = []

    def walk(container: Any) -> None:
        body = container._element if hasattr(container, "_element") else container
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, container).text)  # type: ignore[arg-type]
            elif tag == "tbl":
                for row in Table(child, container).rows:  # type: ignore[arg-type]
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue  # a merged cell is listed once per grid column it spans
                        seen.add(id(cell._tc))
                        walk(cell)
                        lines.append("")

    try:
        for section in document.sections:
            walk(section.header)
        walk(document.element.body if hasattr(document.element, "body") else document)
        for section in document.sections:
            walk(section.footer)
    except Exception as err:
        raise UnreadableFile(str(path), f"is a damaged .docx file ({type(err).__name__})", "Open it in Word and save it again as .docx.") from err
    text = "\n".join(lines)
    warnings: list[str] = []
    converted = _convert_legacy(text)
    if converted is not None:
        fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.font.name}
        text, legacy = converted
        warnings.append(f"converted from the legacy {legacy.upper()} font encoding (fonts: {', '.join(sorted(fonts)) or 'unknown'})")
        return text, f"docx+{legacy}", warnings
    return text, "docx", warnings


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path) -> tuple[str, str, list[str]]:
    """``.doc``, ``.odt``, ``.rtf``: converted to ``.docx`` by LibreOffice, then read as one."""
    program = libreoffice()
    kind = path.suffix.lower()
    if program is None:
        raise MissingTool(str(path), f"'{kind}' files are read through LibreOffice, which is not installed", LIBREOFFICE_FIX)
    with tempfile.TemporaryDirectory(prefix="lexgraph-convert-") as folder:
        # A profile of its own: a LibreOffice the analyst has open would otherwise take the job.
        profile = Path(folder, "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", folder, str(path)]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired as err:
            raise UnreadableFile(str(path), "LibreOffice took more than 3 minutes to convert it", "Open it and save it as .docx.") from err
        converted = Path(folder, path.stem + ".docx")
        if not converted.exists():
            raise UnreadableFile(str(path), f"LibreOffice could not convert this '{kind}' file", "Open it in Word and save it as .docx.")
        text, encoding, warnings = read_docx(converted)
    return text, f"{kind[1:]}→{encoding}", [f"converted from {kind} by LibreOffice", *warnings]


def read(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """A ``.docx`` file."""
    source.text, source.encoding, source.warnings = read_docx(path)
    source.method = "docx"


def read_converted_file(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """A ``.doc``, ``.odt`` or ``.rtf`` file, converted by LibreOffice."""
    source.text, source.encoding, source.warnings = read_converted(path)
    source.method = "docx"
