"""OCR: scans and images through Tesseract's Vietnamese model (Debian ``tesseract-ocr-vie``).

Tesseract's TSV output gives every word with its box. The words are put back on a character grid
(one column per average character width), so an OCR'd page is *layout text*, like a PDF text
layer read by ``pdftotext -layout``, and :mod:`graphbuild.reading.layout` recovers the head's and
the foot's columns the same way for both.

Pages are OCR'd one Tesseract process per page, each with one thread (``OMP_THREAD_LIMIT=1``),
two at a time: on two cores that is faster than one page at a time with Tesseract's own threads.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphbuild.errors import MissingTool, OcrFailed, ScanSkipped
from graphbuild.reading.layout import pages_input, recover_layout
from graphbuild.reading.source import ReadOptions, SourceText


def _resolution(value: str | None) -> int:
    """``LEXGRAPH_OCR_DPI`` when it is a whole number from 150 to 600, else 300.

    >>> _resolution("200"), _resolution("abc"), _resolution(None), _resolution("5000")
    (200, 300, 300, 300)
    """
    return int(value) if value and value.isdigit() and 150 <= int(value) <= 600 else 300


# PDF pages without a text layer are rendered at this resolution for OCR. 300 dpi: at 250 and 200
# a page reads 20 and 32 % faster, but the realdocs scorer loses an issuer, a signer and adds
# false citations (README, "Benchmarks"); ``LEXGRAPH_OCR_DPI`` trades that for speed.
RESOLUTION_DPI = _resolution(os.environ.get("LEXGRAPH_OCR_DPI"))
# Every word Tesseract reads is kept, however much it doubts it: a citation's number read with low
# confidence is still better evidence than nothing, and the extractor marks OCR facts as such.
PAGE_SEGMENTATION = "3"  # fully automatic page segmentation: columns become blocks
PARALLEL_PAGES = 2
# Tesseract's test for fixed-pitch (typewriter) text spends about 4 % of a page and changes no word
# on any scanned page of the dev sets: notices are set in proportional fonts.
TESSERACT_SETTINGS = ("-c", "textord_disable_pitch_test=1")
# The file name of a PDF page rendered for OCR (graphbuild.reading.pdf), whose resolution is ours.
RENDERED_PAGE = "rendered-page-"
TESSERACT_FIX = "Install Tesseract with its Vietnamese model (Debian: apt-get install tesseract-ocr tesseract-ocr-vie), or pass --no-ocr."

# Pages done are reported as (file name, pages done, pages in all) to a queue that the CLI reads to
# show a progress bar; set before extraction workers are forked, so they inherit it.
_progress: Any = None


def report_pages_to(queue: Any) -> None:
    """Send OCR page progress to ``queue`` (a ``multiprocessing`` queue, or ``None`` to stop)."""
    global _progress
    _progress = queue


def tesseract_available(language: str = "vie") -> bool:
    return language in _tesseract_languages(shutil.which("tesseract"))


@lru_cache(maxsize=8)
def _tesseract_languages(program: str | None) -> tuple[str, ...]:
    """The models of the Tesseract at ``program``: asked once, not once a file."""
    if program is None:
        return ()
    try:
        return tuple(subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split())
    except (OSError, subprocess.SubprocessError):
        return ()


def require_tesseract(path: str, options: ReadOptions) -> None:
    if not options.ocr:
        raise ScanSkipped(path, "this is a scan and OCR is turned off (--no-ocr)", "Run again without --no-ocr to read it with OCR.")
    if not tesseract_available(options.ocr_language):
        raise MissingTool(path, f"this is a scan and Tesseract with the '{options.ocr_language}' model is not installed", TESSERACT_FIX)


def layout_from_tsv(tsv: str) -> str:
    r"""Tesseract's TSV words → layout text: each OCR line on a character grid at its words' positions.

    Tesseract's own lines are kept (its line finder follows a baseline better than word boxes do:
    a capital with a dot below, ``Ụ``, reaches lower than its neighbours); lines of different
    blocks that share a row of the page (the two columns of a head) are put on one text line.

    >>> tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    >>> row = "5\t1\t{b}\t1\t1\t{w}\t{x}\t100\t{wd}\t30\t90\t{t}\n"
    >>> tsv += row.format(b=1, w=1, x=100, wd=60, t="UBND") + row.format(b=2, w=1, x=1000, wd=100, t="CỘNG")
    >>> layout_from_tsv(tsv).rstrip()
    '     UBND                                          CỘNG'
    """
    by_line: dict[tuple[str, str, str, str], list[tuple[int, int, int, int, str]]] = {}
    for entry in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word_text = (entry.get("text") or "").strip()
        if entry.get("level") != "5" or not word_text:
            continue
        x, y, width, tall = (int(entry[k]) for k in ("left", "top", "width", "height"))
        key = (entry["page_num"], entry["block_num"], entry["par_num"], entry["line_num"])
        by_line.setdefault(key, []).append((y, y + tall, x, x + width, word_text))
    if not by_line:
        return ""
    words = [word for line in by_line.values() for word in line]
    char_width = max(1.0, statistics.median((w[3] - w[2]) / max(1, len(w[4])) for w in words))
    height = statistics.median(w[1] - w[0] for w in words)
    # Each OCR line: its words left to right, its vertical extent from the median of its words.
    ocr_lines: list[tuple[float, float, list[tuple[int, int, int, int, str]]]] = []
    for line_words in by_line.values():
        line_words.sort(key=lambda w: w[2])
        ocr_lines.append((statistics.median(w[0] for w in line_words), statistics.median(w[1] for w in line_words), line_words))
    ocr_lines.sort(key=lambda line: (line[0], line[2][0][2]))
    # Rows: OCR lines that overlap vertically by half a line and not horizontally.
    rows: list[list[tuple[float, float, list[tuple[int, int, int, int, str]]]]] = []
    for line in ocr_lines:
        top, bottom, line_words = line[0], line[1], line[2]
        placed = False
        for row in rows[-3:]:
            row_top = statistics.median(r[0] for r in row)
            row_bottom = statistics.median(r[1] for r in row)
            overlap = min(bottom, row_bottom) - max(top, row_top)
            apart = all(line_words[-1][3] < other[2][0][2] or line_words[0][2] > other[2][-1][3] for other in row)
            if overlap > 0.5 * min(bottom - top, row_bottom - row_top, height) and apart:
                row.append(line)
                placed = True
                break
        if not placed:
            rows.append([line])
    lines: list[str] = []
    previous_bottom: float | None = None
    for row_lines in rows:
        row_words = sorted((w for line in row_lines for w in line[2]), key=lambda w: w[2])
        row_top = min(line[0] for line in row_lines)
        if previous_bottom is not None and row_top - previous_bottom > height * 1.2:
            lines.append("")  # a blank line where the page has vertical space
        previous_bottom = max(line[1] for line in row_lines)
        text = ""
        previous_right: int | None = None
        for _, _, left, right, word in row_words:
            column = int(left / char_width)
            if previous_right is None:
                text = " " * min(column, 200)
            else:
                gap = (left - previous_right) / char_width
                text += " " * max(1, round(gap)) if gap >= 3 else " "
                if gap >= 3 and len(text) < column:
                    text += " " * (column - len(text))
            text += word
            previous_right = right
        lines.append(text)
    return "\n".join(lines) + "\n"


def ocr_image(image: Path, language: str) -> str:
    """One page image → layout text."""
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", str(image), "stdout", "-l", language, "--psm", PAGE_SEGMENTATION]
    if image.name.startswith(RENDERED_PAGE):  # a page rendered here, at a resolution we know
        command += ["--dpi", str(RESOLUTION_DPI)]
    command += TESSERACT_SETTINGS
    command.append("tsv")
    done = subprocess.run(command, capture_output=True, env=environment, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip()[-300:])
    return layout_from_tsv(done.stdout.decode("utf-8", "replace"))


def ocr_images(images: Sequence[Path | Callable[[], Path]], language: str, name: str) -> list[str]:
    """Every page image → layout text, two pages at a time, in page order. A page may be given as a
    function that renders its image, so that rendering one page overlaps reading another."""
    done = 0

    def one(image: Path | Callable[[], Path]) -> str:
        nonlocal done
        text = ocr_image(image if isinstance(image, Path) else image(), language)
        done += 1
        if _progress is not None:
            _progress.put((name, done, len(images)))
        return text

    with ThreadPoolExecutor(max_workers=PARALLEL_PAGES) as pool:
        return list(pool.map(one, images))


def read(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """An image file (``.png``, ``.jpg``, ``.tif``, multi-page TIFFs too) read by OCR."""
    require_tesseract(str(path), options)
    with tempfile.TemporaryDirectory(prefix="lexgraph-ocr-") as folder:
        images = _image_pages(path, Path(folder))
        try:
            pages = ocr_images(images, options.ocr_language, path.name)
        except (RuntimeError, OSError, subprocess.SubprocessError) as err:
            raise OcrFailed(str(path), f"Tesseract could not read the image ({err})", "Check that the file is an image of a page.") from err
    if not any(page.strip() for page in pages):
        raise OcrFailed(str(path), "OCR found no text in the image", "Check the scan's quality (300 dpi, upright) and scan it again.")
    recovered = recover_layout(pages)
    source.text, source.encoding, source.method = recovered.text, "ocr", "ocr"
    source.raw_text, source.layout = pages_input(pages), recovered.pieces
    source.pages = source.ocr_pages = len(pages)
    source.warnings.append(f"read by OCR (Tesseract, '{options.ocr_language}'): {len(pages)} page(s); check OCR'd facts against the image")


def _image_pages(path: Path, folder: Path) -> list[Path]:
    """A multi-page TIFF is split into pages (Pillow, which matplotlib brings); other images are one page."""
    if path.suffix.lower() not in {".tif", ".tiff"}:
        return [path]
    try:
        from PIL import Image, ImageSequence
    except ImportError:
        return [path]
    pages: list[Path] = []
    with Image.open(path) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            page = folder / f"page-{index:04d}.png"
            frame.save(page)
            pages.append(page)
    return pages or [path]
