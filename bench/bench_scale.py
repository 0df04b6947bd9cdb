"""Builds and questions at scale, as one table: build time, documents/s, nodes and relationships
written per second, peak memory of lexgraph (its main process and each extraction worker) and of
the store, an unchanged rebuild, and p50/p95 of every library question.

    python -m bench.bench_scale --sizes 10000,30000,100000 [--store neo4j] [--runs 20]

Each size runs in a process of its own, so that peak memory is that size's. The notices are the
generated corpus (graphbuild.testing.corpus; made once under bench/out). Each question runs with
the example its header gives for each parameter, after one warm-up; the whole answer is fetched
and sorted as ``lexgraph query`` does, except an answer of more than 1,000 rows, which is timed to
its first 1,000 rows (and says so). ``--check`` also changes a
sixth of the notices, builds incrementally, and compares the graph with a clean build of the same
files (full dump).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.bench_extract import corpus
from bench.common import scratch_store, store_cpu, store_peak_mb, store_pid
from graphbuild.build import build
from graphbuild.querylib import bind, library, run_query

FIRST_ROWS = 1000

# Examples that select something in the generated corpus where a header's own does not.
CORPUS_EXAMPLES = {"province": "Bắc Giang"}


def question_params(question: Any) -> dict[str, Any]:
    """The header's example for every required parameter."""
    return {p.name: CORPUS_EXAMPLES.get(p.type, p.example) for p in question.parameters if p.required}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def one_size(notices: int, store_kind: str, runs: int, jobs: int | None, check: bool) -> dict[str, Any]:
    folder = corpus(notices)
    row: dict[str, Any] = {"notices": notices}
    with scratch_store(store_kind) as (store, home):
        row["store"] = store.name
        server = store_pid(store, home)
        cpu_before, own_before, workers_before = store_cpu(server), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        report = build(store, [folder], home=home, jobs=jobs)
        row["build_s"] = time.perf_counter() - started
        cpu_after = store_cpu(server)
        row["lexgraph_cpu_s"] = _cpu(resource.RUSAGE_SELF) - own_before
        row["workers_cpu_s"] = _cpu(resource.RUSAGE_CHILDREN) - workers_before
        row["store_cpu_s"], row["store_jit_s"] = (after - before for after, before in zip(cpu_after, cpu_before))
        row["load_s"], row["reconcile_s"] = report.load_seconds, report.reconcile_seconds
        row["documents"] = report.documents
        row["nodes"] = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
        row["relationships"] = store.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        row["lexgraph_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        row["worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        started = time.perf_counter()
        again = build(store, [folder], home=home, jobs=jobs)
        row["unchanged_s"] = time.perf_counter() - started
        assert again.loaded == 0, "an unchanged rebuild loaded files"
        row["store_mb"] = store_peak_mb(store, home)
        row["questions"] = {}
        for name, question in library().items():
            params = question_params(question)
            rows = run_query(store, name, params, timeout_ms=120_000)
            # A large answer is measured to its first 1,000 rows (what a page or a table shows first).
            limited = len(rows) > FIRST_ROWS and "UNION" not in question.cypher.upper()
            bound = bind(question, params)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                if limited:
                    store.read(f"{question.cypher}\nLIMIT {FIRST_ROWS}", bound, timeout_ms=120_000)
                else:
                    run_query(store, name, params, timeout_ms=120_000)
                times.append((time.perf_counter() - started) * 1000)
            row["questions"][name] = {"rows": len(rows), "p50": statistics.median(times), "p95": percentile(times, 0.95), "limited": limited}
        if check:
            row["incremental_equals_clean"] = incremental_equals_clean(store, home, notices)
    return row


def _cpu(who: int) -> float:
    """User and system cpu-seconds of this process (``RUSAGE_SELF``) or of its children that ended
    (``RUSAGE_CHILDREN``: the extraction workers, once the build has closed them)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def incremental_equals_clean(store: Any, home: Any, notices: int) -> bool:
    """A sixth of a copy of the corpus changed and a twentieth deleted, built incrementally, against a clean build."""
    import shutil
    import tempfile
    from pathlib import Path

    from graphbuild.testing.crash import change_corpus, dump

    work = Path(tempfile.mkdtemp(prefix="lexgraph-scale-"))
    try:
        copy = work / "corpus"
        shutil.copytree(corpus(notices), copy)
        (copy / "truth.jsonl").unlink()
        store.clear()
        build(store, [copy], home=home)
        change_corpus(copy)
        build(store, [copy], home=home, prune=True)
        incremental = dump(store)
        store.clear()
        build(store, [copy], home=home)
        return bool(dump(store) == incremental)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _cell(figures: dict[str, Any]) -> str:
    rows = f"first {FIRST_ROWS:,} of {figures['rows']:,}" if figures.get("limited") else f"{figures['rows']:,}"
    return f"{figures['p50']:.1f} / {figures['p95']:.1f} ({rows})"


def _cpu_cell(row: dict[str, Any]) -> str:
    """Where a build's cpu went; on Neo4j, how much of the server's was its JVM compiling Neo4j's own
    code (a fresh server warming up: one that has run for a while has spent it already)."""
    cell = f"{row['lexgraph_cpu_s']:.1f} / {row['workers_cpu_s']:.1f} / {row['store_cpu_s']:.1f}"
    return cell + (f" (JIT {row['store_jit_s']:.1f})" if row["store"] == "Neo4j" else "")


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as one Markdown table: a column per size."""
    head = ["", *(f"{r['notices']:,}" for r in rows)]
    lines = [
        ("store", [r["store"] for r in rows]),
        ("build (s)", [f"{r['build_s']:.1f}" for r in rows]),
        ("documents/s", [f"{r['documents'] / r['build_s']:,.0f}" for r in rows]),
        ("nodes + relationships", [f"{r['nodes']:,} + {r['relationships']:,}" for r in rows]),
        ("entities/s, whole build", [f"{(r['nodes'] + r['relationships']) / r['build_s']:,.0f}" for r in rows]),
        ("load (s) / entities/s while loading", [f"{r['load_s']:.1f} / {(r['nodes'] + r['relationships']) / max(r['load_s'], 1e-9):,.0f}" for r in rows]),
        ("reconcile (s)", [f"{r['reconcile_s']:.1f}" for r in rows]),
        ("cpu during the build (s): lexgraph / its workers / the store", [_cpu_cell(r) for r in rows]),
        ("peak MB: lexgraph / each worker / store", [f"{r['lexgraph_mb']:.0f} / {r['worker_mb']:.0f} / {r['store_mb']:.0f}" for r in rows]),
        ("unchanged rebuild (s)", [f"{r['unchanged_s']:.2f}" for r in rows]),
    ]
    if all("incremental_equals_clean" in r for r in rows):
        lines.append(("incremental = clean", ["yes" if r["incremental_equals_clean"] else "**NO**" for r in rows]))
    for name in rows[0]["questions"]:
        lines.append((f"`{name}` p50 / p95 ms (rows)", [_cell(r["questions"][name]) for r in rows]))
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join([label, *cells]) + " |" for label, cells in lines]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--check", action="store_true", help="also compare an incremental build with a clean one at each size")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # one size, in a process of its own
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.store, args.runs, args.jobs, args.check)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, "-m", "bench.bench_scale", "--one", str(size), "--store", args.store, "--runs", str(args.runs)]
        command += ["--jobs", str(args.jobs)] if args.jobs else []
        command += ["--check"] if args.check else []
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{size:,} notices: {rows[-1]['build_s']:.1f} s", file=sys.stderr, flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
