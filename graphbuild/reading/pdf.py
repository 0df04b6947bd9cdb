"""PDF: the text layer page by page, its layout recovered; pages without a usable layer are OCR'd.

The text layer is read with poppler's ``pdftotext -layout`` (Debian ``poppler-utils``), chosen by
measuring on real provincial PDFs:

- it keeps what an office's e-signature software stamps onto the page (the number and the day
  written into ``Số:    /TB-…`` and ``ngày    tháng``): pypdf's layout mode drops them;
- it keeps the columns of the head and the foot apart by their real distance on the page, which
  :mod:`graphbuild.reading.layout` needs; pypdf's plain mode runs them together;
- it is about 3 ms a page against pypdf's layout mode's 80–100 ms.

Without poppler, pypdf's layout mode is used, with a warning.

A page goes to OCR when its text layer is empty, holds only a stamp (an e-signature, a "received"
stamp), or is itself bad OCR: Vietnamese with no diacritics (``Nghi dinh s6 45/20I3``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from graphbuild.errors import MissingTool, OcrFailed, ScanSkipped, UnreadableFile
from graphbuild.reading import ocr
from graphbuild.reading.layout import pages_input, recover_layout
from graphbuild.reading.source import ReadOptions, SourceText

# A page with fewer letters than this in its text layer holds a stamp at most, not the page's text.
MIN_PAGE_LETTERS = 250
# Vietnamese prose has a diacritic on about a third of its letters; a text layer with almost none is
# OCR that lost them.
MIN_DIACRITIC_SHARE = 0.08
LETTER = re.compile(r"[^\W\d_]")
# Letters and signs Vietnamese never writes: an OCR layer in a broken font encoding is full of them
# ("NghË Ënh sÑ 116/2021/NÐ-CP" for "Nghị định số 116/2021/NĐ-CP").
FOREIGN_LETTER = re.compile(r"[ÄÅÆÇËÎÏÐÑÖØÛÜßäåæçëîïðñöøûüÿ¡£¥§°¿·¤]")
MAX_FOREIGN_SHARE = 0.01
DIACRITIC_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
POPPLER_FIX = "Install poppler (Debian: apt-get install poppler-utils)."


def page_needs_ocr(page: str) -> str | None:
    """Why a page's text layer cannot be used as it is (``None`` when it can).

    >>> page_needs_ocr("Người ký: Ủy ban nhân dân tỉnh Hà Giang")
    'no text layer beyond a stamp'
    >>> page_needs_ocr("Can cu Nghi dinh so 45/2013/ND-CP cua Chinh phu quy dinh " * 10)
    'a text layer without diacritics (bad OCR)'
    >>> page_needs_ocr("Cn cé Kho£n 1 iÁu 21 NghË Ënh sÑ 116/2021/NÐ-CP ngày 21/12/2021 cça Chính phç " * 10)
    'a text layer in a broken font encoding (bad OCR)'
    """
    letters = len(LETTER.findall(page))
    if letters < MIN_PAGE_LETTERS:
        return "no text layer beyond a stamp"
    if len(DIACRITIC_LETTER.findall(page)) < letters * MIN_DIACRITIC_SHARE:
        return "a text layer without diacritics (bad OCR)"
    if len(FOREIGN_LETTER.findall(page)) > letters * MAX_FOREIGN_SHARE:
        return "a text layer in a broken font encoding (bad OCR)"
    return None


def _pdftotext(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        raise FileNotFoundError("pdftotext")
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if "password" in message.lower() or "encrypt" in message.lower():
            raise UnreadableFile(str(path), "this PDF is encrypted", "Open it with its password and save an unprotected copy.")
        raise UnreadableFile(str(path), f"is not a readable PDF ({message[-200:] or 'pdftotext failed'})", "Check the file or export it again.")
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return pages


def _pypdf_layout(path: Path) -> list[str]:
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as err:
                raise UnreadableFile(str(path), "this PDF is encrypted", "Open it with its password and save an unprotected copy.") from err
        return [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except Exception as err:  # pypdf raises many types for broken files
        raise UnreadableFile(str(path), f"is not a readable PDF ({err})", "Check the file or export it again.") from err


def _page_image(path: Path, number: int, folder: Path) -> Callable[[], Path]:
    """A function that renders page ``number`` at ocr.RESOLUTION_DPI in grey (run in the OCR thread that reads it).

    As an uncompressed TIFF: compressing a PNG took pdftoppm 3.1 s of the 5.8 s a page cost, and
    Tesseract (Leptonica) reads an uncompressed TIFF about 0.13 s a page faster than the same pixels
    as a raw PGM, which it reads a pixel at a time; the words read are the same, byte for byte, on
    every scanned page of the dev sets."""

    def render() -> Path:
        prefix = folder / f"{ocr.RENDERED_PAGE}{number:04d}"
        command = ["pdftoppm", "-r", str(ocr.RESOLUTION_DPI), "-gray", "-tiff", "-tiffcompression", "none", "-singlefile"]
        command += ["-f", str(number), "-l", str(number), str(path), str(prefix)]
        done = subprocess.run(command, capture_output=True, timeout=300)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()[-200:]
            raise UnreadableFile(str(path), f"page {number} could not be rendered for OCR ({message})", "Check the file or export it again.")
        return prefix.with_suffix(".tif")

    return render


def read(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """A PDF: its text layer with the page's layout recovered; pages without a usable one go to OCR."""
    read_pdf(path, source, options)


def read_pdf(path: Path, source: SourceText, options: ReadOptions) -> None:
    try:
        pages = _pdftotext(path)
    except FileNotFoundError:
        pages = _pypdf_layout(path)
        source.warnings.append("poppler's pdftotext is not installed: read with pypdf's layout mode (numbers stamped by e-signature software may be missed)")
    if not pages:
        raise UnreadableFile(str(path), "this PDF has no pages", "Check the file or export it again.")
    reasons = {index: reason for index, page in enumerate(pages) if (reason := page_needs_ocr(page))}
    # A short last page (a signature, a list of recipients) is not a scan when the others read well.
    if len(pages) > 1 and set(reasons) == {len(pages) - 1} and reasons[len(pages) - 1].startswith("no text"):
        reasons = {}
    if reasons:
        try:
            ocr.require_tesseract(str(path), options)
        except ScanSkipped:
            if len(reasons) == len(pages):
                raise
            source.warnings.append(f"{len(reasons)} scanned page(s) not read: OCR is turned off (--no-ocr)")
            reasons = {}
    if reasons:
        numbers = sorted(reasons)
        if shutil.which("pdftoppm") is None:
            raise MissingTool(str(path), "this PDF has scanned pages and poppler's pdftoppm is not installed", POPPLER_FIX)
        with tempfile.TemporaryDirectory(prefix="lexgraph-ocr-") as folder:
            images = [_page_image(path, n + 1, Path(folder)) for n in numbers]
            try:
                read = ocr.ocr_images(images, options.ocr_language, path.name)
            except (RuntimeError, OSError, subprocess.SubprocessError) as err:
                raise OcrFailed(str(path), f"Tesseract failed on a scanned page ({err})", "Check the file or scan it again.") from err
        for number, text in zip(numbers, read, strict=True):
            if text.strip():
                pages[number] = text
        if not any(page.strip() for page in read) and len(reasons) == len(pages):
            raise OcrFailed(str(path), "OCR found no text on the scanned pages", "Check the scan's quality (300 dpi, upright) and scan it again.")
        kinds = sorted(set(reasons.values()))
        source.warnings.append(
            f"read by OCR (Tesseract, '{options.ocr_language}'): page(s) {', '.join(str(n + 1) for n in numbers)} of {len(pages)} ({'; '.join(kinds)})"
        )
    recovered = recover_layout(pages)
    source.text = recovered.text
    source.raw_text, source.layout = pages_input(pages), recovered.pieces
    source.encoding = "pdf"
    source.pages, source.ocr_pages = len(pages), len(reasons)
    source.method = "ocr" if len(reasons) == len(pages) else ("pdf-text+ocr" if reasons else "pdf-text")
