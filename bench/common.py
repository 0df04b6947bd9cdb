"""What the benchmarks share: a throw-away embedded store."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphbuild.stores import falkor_server as embedded
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from graphbuild.testing import neo4j_server


@contextmanager
def scratch_store(kind: str = "embedded") -> Iterator[tuple[GraphStore, Path]]:
    """An empty store in a temporary home, stopped and removed afterwards: the embedded FalkorDB, or
    (``kind="neo4j"``) the Neo4j Community test server (graphbuild.testing.neo4j_server) with a 4 GB heap."""
    home = Path(tempfile.mkdtemp(prefix="lexgraph-bench-"))
    server = None
    if kind == "neo4j":
        server = neo4j_server.start(heap="4g")
        if server is None:
            raise SystemExit("the Neo4j test server is not built: mvn -f tests/neo4j/pom.xml package")
        store = open_store(neo4j_uri=server[1], neo4j_user="neo4j", neo4j_password="", neo4j_database=None)
    else:
        store = open_store(home=home)
    try:
        yield store, home
    finally:
        store.close()
        if server is not None:
            neo4j_server.stop(server[0])
        else:
            embedded.stop(home)
        shutil.rmtree(home, ignore_errors=True)


def store_pid(store: GraphStore, home: Path) -> int | None:
    """The store's server process: the FalkorDB server's, or the Neo4j test server's JVM."""
    import subprocess

    if store.name == "Neo4j":
        found = subprocess.run(["pgrep", "-f", "lexgraph.Neo4jTestServer"], capture_output=True, text=True).stdout.split()
        return int(found[0]) if found else None
    pid = embedded.status(home)["pid"]
    return pid if isinstance(pid, int) else None


# The JVM's just-in-time compiler threads (HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1" …)
JIT_THREADS = ("C1 CompilerThre", "C2 CompilerThre")


def store_cpu(pid: int | None) -> tuple[float, float]:
    """Cpu-seconds the store's server has used so far, and of those its threads that compile
    the JVM's own code (0 for FalkorDB): what a fresh Neo4j server spends warming up, which a
    server that has run for a while has already spent."""
    if pid is None:
        return float("nan"), float("nan")
    tick = os.sysconf("SC_CLK_TCK")
    whole = compiling = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # (a thread that ended meanwhile)
            continue
        seconds = (int(fields[11]) + int(fields[12])) / tick
        whole += seconds
        if name.startswith(JIT_THREADS):
            compiling += seconds
    return whole, compiling


def store_peak_mb(store: GraphStore, home: Path) -> float:
    """The store's peak resident memory (the FalkorDB server's, or the Neo4j JVM's)."""
    pid = store_pid(store, home)
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def scratch_probe(kind: str, prefix: str) -> Iterator[tuple[GraphStore, dict[str, Any], Path]]:
    """A throw-away store (:func:`scratch_store`), the arguments that open it again in another process
    or thread, and a work folder removed afterwards: what the probes share."""
    with scratch_store(kind) as (store, home):
        # (the Neo4j test server takes any password for the user neo4j)
        store_args = {"neo4j_uri": store.uri, "neo4j_user": "neo4j", "neo4j_password": ""} if kind == "neo4j" else {"home": str(home)}  # type: ignore[attr-defined]
        work = Path(tempfile.mkdtemp(prefix=prefix))
        try:
            yield store, store_args, work
        finally:
            shutil.rmtree(work, ignore_errors=True)
