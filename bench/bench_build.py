"""Build throughput into a store: documents/s and peak memory of lexgraph and the store.

    python -m bench.bench_build --notices 10000 [--store neo4j]
"""

from __future__ import annotations

import argparse
import resource
import time

from bench.bench_extract import corpus
from bench.common import scratch_store, store_peak_mb
from graphbuild.build import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    args = parser.parse_args()
    folder = corpus(args.notices)
    with scratch_store(args.store) as (store, home):
        started = time.perf_counter()
        report = build(store, [folder], home=home, jobs=args.jobs)
        seconds = time.perf_counter() - started
        nodes = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
        rels = store.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        started = time.perf_counter()
        again = build(store, [folder], home=home, jobs=args.jobs)
        unchanged_seconds = time.perf_counter() - started
        print(f"build {args.notices} notices: {seconds:.1f} s, {report.documents / seconds:.0f} documents/s "
              f"({nodes} nodes, {rels} relationships, {report.citations} citations, {len(report.errors)} errors)")
        print(f"  of which loading {report.load_seconds:.1f} s, reconciling {report.reconcile_seconds:.1f} s (the rest: reading and extracting)")
        print(f"second build (all unchanged, {again.unchanged} skipped): {unchanged_seconds:.1f} s")
        print(f"peak memory: lexgraph {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
              f"(+ workers {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB each at most), "
              f"store ({store.name}) {store_peak_mb(store, home):.0f} MB")


if __name__ == "__main__":
    main()
