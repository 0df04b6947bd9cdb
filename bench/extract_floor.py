"""The floor that text extraction is measured against: the same files read and decoded as
``lexgraph extract`` reads them, and two regular expressions run over each text (a document's
number and symbol, and a date), nothing else. No extractor can be faster than reading its input
and scanning it once or twice, so ``lexgraph extract``'s time over this one says how far the
extraction is from its floor.

    python -m bench.extract_floor FOLDER [--jobs N]

Compare the two as whole processes, pair by pair (the README's Benchmarks), for example with
``/usr/bin/time -v`` around each:

    python -m bench.extract_floor bench/out/corpus-10000
    lexgraph extract bench/out/corpus-10000 --format jsonl --out /dev/null
"""

from __future__ import annotations

import argparse
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SYMBOL = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[A-ZĐ]{1,8}(?:-[A-ZĐ]{1,8})*\b")
DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b")


def scan(paths: list[str]) -> int:
    found = 0
    for path in paths:
        text = unicodedata.normalize("NFC", Path(path).read_bytes().decode("utf-8", "replace"))
        found += sum(1 for _ in SYMBOL.finditer(text)) + sum(1 for _ in DATE.finditer(text))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes, as lexgraph extract (default: all cores)")
    args = parser.parse_args()
    paths = sorted(str(p) for p in args.folder.rglob("*.txt"))
    chunks = [paths[i :: args.jobs] for i in range(args.jobs)]
    with ProcessPoolExecutor(args.jobs) as pool:
        found = sum(pool.map(scan, chunks))
    print(f"{len(paths)} files, {found} matches")


if __name__ == "__main__":
    main()
