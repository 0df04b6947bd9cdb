"""p50/p95 latency of every library query on a synthetic corpus, in the embedded store or Neo4j.

    python -m bench.bench_queries --notices 10000 [--store neo4j]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from bench.bench_extract import corpus
from bench.common import scratch_store, store_peak_mb
from graphbuild.build import build
from graphbuild.querylib import library, run_query

PARAMS = {
    "citing-notices": {"symbol": "128/NQ-CP"},
    "adoption-lag": {"symbol": "128/NQ-CP"},
    "policy-flow": {"symbol": "128/NQ-CP", "depth": 3},
    "province-profile": {"province": "Bắc Giang"},
    "most-cited": {"level": "central"},
    "co-citation": {},
    "issuers": {"level": "provincial"},
    "signers": {"province": "Cà Mau"},
    "timeline": {"period": "week"},
    "unresolved": {},
    "conflicts": {},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    args = parser.parse_args()
    folder = corpus(args.notices)
    with scratch_store(args.store) as (store, home):
        started = time.perf_counter()
        report = build(store, [folder], home=home)
        seconds = time.perf_counter() - started
        print(f"{store.name}: build of {args.notices} notices {seconds:.1f} s ({report.documents / seconds:.0f} documents/s); "
              f"peak memory lexgraph {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, store {store_peak_mb(store, home):.0f} MB")
        print(f"{store.name}: {args.notices} notices; {args.runs} runs per query (after one warm-up)")
        print(f"{'query':18s} {'rows':>6s} {'p50 ms':>8s} {'p95 ms':>8s}")
        for name in library():
            params = PARAMS.get(name, {})
            rows = run_query(store, name, params, timeout_ms=120_000)
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                run_query(store, name, params, timeout_ms=120_000)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
            print(f"{name:18s} {len(rows):6d} {statistics.median(times):8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
