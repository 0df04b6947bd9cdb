"""Extraction throughput: MB/s and documents/s on one core and on all cores.

    python -m bench.bench_extract --notices 2000
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench.generate import generate
from graphbuild.extraction import extract, extract_paths, json_lines
from graphbuild.reading import read_document


def corpus(notices: int, root: Path = Path("bench/out")) -> Path:
    folder = root / f"corpus-{notices}"
    if not (folder / "truth.jsonl").exists():
        generate(notices, folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=2000)
    args = parser.parse_args()
    folder = corpus(args.notices)
    files = sorted(folder.glob("*.txt"))
    sources = [read_document(f) for f in files]
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6

    started = time.perf_counter()
    for source in sources:
        extract(source.text, source.path, content_hash=source.content_hash)
    one_core = time.perf_counter() - started

    started = time.perf_counter()
    results = list(extract_paths([folder], jobs=os.cpu_count(), worker=json_lines))  # what `lexgraph extract` runs
    all_cores = time.perf_counter() - started
    assert len(results) == len(files)

    print(f"corpus: {len(files)} notices, {megabytes:.1f} MB (avg {megabytes * 1000 / len(files):.1f} KB)")
    print(f"extract, 1 core (text in memory): {megabytes / one_core:.1f} MB/s, {len(files) / one_core:.0f} docs/s")
    print(f"lexgraph extract, {os.cpu_count()} cores (files read, extracted, written as JSON): {megabytes / all_cores:.1f} MB/s, {len(files) / all_cores:.0f} docs/s")


if __name__ == "__main__":
    main()
