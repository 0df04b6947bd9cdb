"""Extraction throughput: MB/s and documents/s on one core and on all cores.

    python -m bench.bench_extract --notices 2000

One core: ``extract()`` over texts already in memory, on the synthetic corpus and on the five
real seed notices (which carry more of what is slow to read: markdown, laws and appeals cited
by name, certified copies, meetings, provinces to infer). Each is timed ``--repeat`` times; the
best run is the machine's capacity, the median what a shared machine gave. All cores: what
``lexgraph extract`` runs (files read, extracted and written as JSON lines by the workers).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from graphbuild.pipeline import extract, extract_paths, json_lines
from graphbuild.reading import SourceText, read_document
from graphbuild.testing.corpus import generate

SEEDS = Path(__file__).resolve().parent.parent / "data"


def corpus(notices: int, root: Path = Path("bench/out")) -> Path:
    folder = root / f"corpus-{notices}"
    if not (folder / "truth.jsonl").exists():
        generate(notices, folder)
    return folder


def one_core(sources: list[SourceText], repeat: int) -> tuple[float, float]:
    """Seconds for extracting every text once: the best and the median of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for source in sources:
            extract(source.text, source.path, content_hash=source.content_hash)
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def report(label: str, sources: list[SourceText], repeat: int) -> None:
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    best, median = one_core(sources, repeat)
    print(
        f"{label}: {megabytes / best:.1f} MB/s, {len(sources) / best:.0f} docs/s at best "
        f"(median of {repeat}: {megabytes / median:.1f} MB/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = corpus(args.notices)
    files = sorted(folder.glob("*.txt"))
    sources = [read_document(f) for f in files]
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    seeds = [read_document(f) for f in sorted(SEEDS.glob("*.txt"))]
    for source in sources[:50]:
        extract(source.text)  # patterns compiled, tables loaded
    print(f"corpus: {len(files)} notices, {megabytes:.1f} MB (avg {megabytes * 1000 / len(files):.1f} KB)")
    report("extract, 1 core, synthetic corpus (text in memory)", sources, args.repeat)
    report("extract, 1 core, the five seed notices x 200 (text in memory)", seeds * 200, args.repeat)

    started = time.perf_counter()
    results = list(extract_paths([folder], jobs=os.cpu_count(), worker=json_lines))  # what `lexgraph extract` runs
    all_cores = time.perf_counter() - started
    assert len([r for r in results if r[0].endswith(".txt")]) == len(files)

    print(f"lexgraph extract, {os.cpu_count()} cores (files read, extracted, written as JSON): {megabytes / all_cores:.1f} MB/s, {len(files) / all_cores:.0f} docs/s")


if __name__ == "__main__":
    main()
