"""Reading speed for files that are not plain text: PDF text layers (ms a page) and OCR (pages a second).

    python -m bench.bench_reading --notices 40 --scans 4

Generates notices rendered as PDFs with a text layer and as scans (graphbuild/testing/render.py), then reads
them through graphbuild.reading as `lexgraph extract` does: pdftotext -layout and layout recovery
for PDFs; pdftoppm at 300 dpi and Tesseract (vie), two pages at a time, for scans.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from graphbuild.pipeline import extract_paths
from graphbuild.reading import read_document
from graphbuild.testing.corpus import generate


def _timed(paths: list[Path]) -> tuple[float, int, list[float]]:
    pages = 0
    per_file: list[float] = []
    started = time.perf_counter()
    for path in paths:
        one = time.perf_counter()
        source = read_document(path)
        per_file.append((time.perf_counter() - one) / max(1, source.pages))
        pages += source.pages
    return time.perf_counter() - started, pages, per_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=40)
    parser.add_argument("--scans", type=int, default=4)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lexgraph-bench-reading-"))
    every = max(1, args.notices // max(1, args.scans))
    generate(args.notices, folder, seed=5, formats=("txt", "pdf", "scan"), every={"scan": every})
    pdfs = sorted(p for p in folder.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    scans = sorted(folder.glob("*.scan.pdf"))
    seconds, pages, per_page = _timed(pdfs)
    print(f"PDF text layers: {len(pdfs)} files, {pages} pages in {seconds:.2f} s: {1000 * seconds / pages:.1f} ms a page "
          f"(median per file {1000 * statistics.median(per_page):.1f} ms a page)")
    seconds, pages, per_page = _timed(scans)
    print(f"Scans by OCR, one file at a time: {len(scans)} files, {pages} pages in {seconds:.1f} s: {pages / seconds:.2f} pages/s "
          f"(median {statistics.median(per_page):.1f} s a page)")
    started = time.perf_counter()
    results = list(extract_paths(scans, jobs=os.cpu_count()))
    seconds = time.perf_counter() - started
    pages = sum(r.source.ocr_pages for r in results if r.source)
    print(f"Scans by OCR as `lexgraph extract` reads a folder ({os.cpu_count()} processes, pages of a file in parallel): "
          f"{pages} pages in {seconds:.1f} s: {pages / seconds:.2f} pages/s")


if __name__ == "__main__":
    main()
