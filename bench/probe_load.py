"""Analysts asking questions while builds run: every library question from many clients at once, for a
while, against a store that a build loop keeps changing (files re-dated, added and deleted).

    python -m bench.probe_load --clients 20 --seconds 60            # the embedded store
    python -m bench.probe_load --clients 20 --seconds 60 --neo4j    # the Neo4j test server

Each client opens its own connection and asks the questions of ``queries/`` in turn with their
header's example parameters. What is counted: calls, errors by kind (none is expected: a question
sees the graph before or after a build's write, never a failure), latency medians and p95, builds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from graphbuild.build import build
from graphbuild.errors import LexgraphError
from graphbuild.querylib import library, run_query
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate


def _questions() -> list[tuple[str, dict[str, Any]]]:
    return [(q.name, {p.name: p.example for p in q.parameters if p.required}) for q in library().values()]


def _client(store_args: dict[str, Any], until: float, seed: int, latencies: list[float], errors: Counter[str]) -> None:
    store = open_store(**store_args)
    questions = _questions()
    random.Random(seed).shuffle(questions)
    try:
        index = 0
        while time.monotonic() < until:
            name, params = questions[index % len(questions)]
            index += 1
            started = time.perf_counter()
            try:
                run_query(store, name, params)
            except LexgraphError as err:
                errors[f"{name}: {type(err).__name__}: {err}"[:160]] += 1
            except Exception as err:
                errors[f"{name}: {type(err).__name__}: {err}"[:160]] += 1
            latencies.append(time.perf_counter() - started)
    finally:
        store.close()


def _builder(store: GraphStore, folder: Path, home: Path, until: float, builds: list[float]) -> None:
    rng = random.Random(7)
    files = sorted(folder.glob("*.txt"))
    while time.monotonic() < until:
        for path in rng.sample(files, 10):  # re-date a few notices: a change to load and reconcile
            if path.exists():
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("tháng 0", "tháng 1", 1) if rng.random() < 0.5 else text.replace("tháng 1", "tháng 0", 1), encoding="utf-8")
        started = time.perf_counter()
        build(store, [folder], home=home, prune=True, jobs=1)
        builds.append(time.perf_counter() - started)


def probe(store: GraphStore, store_args: dict[str, Any], work: Path, *, clients: int = 20, seconds: float = 60, notices: int = 300) -> dict[str, Any]:
    folder = generate(notices, work / "notices", seed=5)
    (folder / "truth.jsonl").unlink()
    store.clear()
    build(store, [folder], home=work / "home", jobs=1)
    until = time.monotonic() + seconds
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    builds: list[float] = []
    threads = [threading.Thread(target=_client, args=(store_args, until, n, latencies, errors)) for n in range(clients)]
    threads.append(threading.Thread(target=_builder, args=(store, folder, work / "home", until, builds)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return {
        "calls": len(latencies), "errors": sum(errors.values()), "error kinds": dict(errors),
        "median ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p95 ms": round(ordered[int(len(ordered) * 0.95)] * 1000, 1) if ordered else None,
        "builds": len(builds), "build median s": round(statistics.median(builds), 2) if builds else None,
    }


def main() -> None:
    from bench.common import scratch_probe
    from graphbuild.output import write_rows

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--notices", type=int, default=300)
    parser.add_argument("--neo4j", action="store_true", help="the Neo4j test server of tests/neo4j instead of the embedded store")
    args = parser.parse_args()
    with scratch_probe("neo4j" if args.neo4j else "embedded", "lexgraph-load-") as (store, store_args, work):
        result = probe(store, store_args, work, clients=args.clients, seconds=args.seconds, notices=args.notices)
    kinds = result.pop("error kinds")
    write_rows([{"what": k, "value": v} for k, v in result.items()] + [{"what": f"error: {k}", "value": v} for k, v in kinds.items()],
               fmt="table", out=None, title="Load probe")
    if result["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
