"""Graphs compared in full, corpora changed the way analysts change them, and builds killed at their
k-th write to check that the next build leaves what a clean build leaves (the crash probe; its
command is ``python -m bench.probe_crash``).

The build runs in a forked child process whose store dies (``os._exit(137)``, as kill -9 leaves it)
at its k-th write: while the journal is written, while old facts are taken out and new ones written, inside
reconcile, the sweep, the persons' titles and the summaries. Kill points are spread over every write
the build makes, the last ones included. The next build is an ordinary one (``--prune``), as an
analyst would run after a crash.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.build import build
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate

SOURCE_STAMPS = ("size", "mtime_ns")


def dump(store: GraphStore) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with its properties, in a stable order, for comparing graphs.
    A file's size and modification time on its ``:Source`` are left out: they say when a file was
    last seen settled, not what the graph holds."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props")
    for node in nodes:
        if node["label"] == "Source":
            node["props"] = {k: v for k, v in node["props"].items() if k not in SOURCE_STAMPS}
    rels = store.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.uid, a.path, a.key) AS start, "
        "coalesce(b.uid, b.path, b.key) AS end, properties(r) AS props"
    )
    node_keys = sorted((n["label"], repr(sorted(n["props"].items()))) for n in nodes)
    rel_keys = sorted((r["type"], r["start"], r["end"], repr(sorted(r["props"].items()))) for r in rels)
    return node_keys, rel_keys


def change_corpus(corpus: Path, seed: int = 1) -> tuple[int, int]:
    """Delete a twentieth of the notices and change a sixth: a new date, another province in the
    place-date line (so a new identity for its notice), other central documents cited."""
    rng = random.Random(seed)
    files = sorted(corpus.glob("*.txt"))
    chosen = rng.sample(files, len(files) // 5)
    deleted, changed = chosen[: len(files) // 20], chosen[len(files) // 20 :]
    for path in deleted:
        path.unlink()
    for path in changed:
        text = path.read_text(encoding="utf-8")
        # (the day may be stamped after a gap, the line typed without diacritics)
        text = re.sub(r"ng[àa]y\s+(\d+) th[áa]ng (\d+) n[ăa]m 2021", lambda m: f"ngày {min(28, int(m.group(1)) + 1)} tháng {m.group(2)} năm 2021", text, count=1)
        text = text.replace("128/NQ-CP", "68/NQ-CP", 1).replace("16/CT-TTg", "19/CT-TTg", 1).replace("Hà Nội", "Hải Phòng", 1)
        path.write_text(text, encoding="utf-8")
    return len(deleted), len(changed)


@dataclass
class ProbeResult:
    writes: int  # writes an uninterrupted incremental build makes
    points: list[int] = field(default_factory=list)  # the writes the build was killed at
    identical: int = 0
    differing: list[int] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"what": "writes in one incremental build", "value": self.writes},
            {"what": "builds killed", "value": len(self.points)},
            {"what": "next build identical to a clean one", "value": self.identical},
            {"what": "differing (killed at write)", "value": ", ".join(map(str, self.differing)) or "none"},
        ]


def _killed_build(store_args: dict[str, Any], folder: Path, home: Path, kill_at: int) -> tuple[int, int]:
    """Run ``build --prune`` in a forked child whose store dies (``os._exit(137)``, as kill -9 leaves
    it) at its ``kill_at``-th write (0: never); ``(exit status, writes made)``. The child opens its own
    connection: nothing of the parent's is used in it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        status = 1
        try:
            from graphbuild.stores import open_store

            store = open_store(**store_args)
            write = type(store).write
            count = 0

            def dying_write(self: Any, cypher: str, params: dict[str, Any] | None = None) -> Any:
                nonlocal count
                count += 1
                if count == kill_at:
                    os._exit(137)
                return write(self, cypher, params)

            type(store).write = dying_write  # type: ignore[method-assign]
            build(store, [folder], home=home, prune=True, jobs=1)
            os.write(write_end, str(count).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        written = pipe.read().decode() or "0"
    return os.waitstatus_to_exitcode(status), int(written)


def generated(notices: int) -> Callable[[Path], None]:
    """A corpus of ``notices`` generated notices (:mod:`graphbuild.testing.corpus`) written into a folder."""

    def write(folder: Path) -> None:
        generate(notices, folder, seed=4)
        (folder / "truth.jsonl").unlink()

    return write


def probe(store: GraphStore, store_args: dict[str, Any], work: Path, *, notices: int = 120, points: int = 40, last: int = 0,
          corpus: Callable[[Path], None] | None = None, change: Callable[[Path], Any] = change_corpus,
          every: Callable[[int, int], None] | None = None) -> ProbeResult:
    """Kill the incremental build at ``points`` writes spread over all of them, and at each of its
    ``last`` writes (the steps after the load: reconcile, sweep, titles, summaries); ``store_args``
    open the same store in the child: ``{"home": …}`` or the Neo4j connection. The files are
    ``corpus`` (default: ``notices`` generated ones) before the build and ``change`` after it."""
    original = work / "original"
    (corpus or generated(notices))(original)
    # Written an hour ago: every build sees the files' times as settled (graphbuild.build.SETTLED_NS),
    # so the build counted and the builds killed make the same writes.
    an_hour_ago = time.time() - 3600
    for path in original.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    folder, home = work / "notices", work / "home"

    def before() -> None:
        """The store holds a build of the original files; the folder has the changed ones."""
        store.clear()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(original, folder)
        build(store, [folder], home=home, jobs=1)
        change(folder)

    before()
    status, writes = _killed_build(store_args, folder, home, 0)
    if status != 0:
        raise RuntimeError(f"the uninterrupted build failed (exit {status})")
    clean = dump(store)  # the uninterrupted incremental build; checked against a clean build below
    store.clear()
    build(store, [folder], home=home, jobs=1)
    if dump(store) != clean:
        raise RuntimeError("an uninterrupted incremental build differs from a clean build: see tests/graph/test_incremental.py")
    chosen = sorted({max(1, round(writes * i / points)) for i in range(1, points + 1)} | {1, writes} | set(range(max(1, writes - last + 1), writes + 1)))
    result = ProbeResult(writes, chosen)
    for index, kill_at in enumerate(chosen):
        before()
        status, _ = _killed_build(store_args, folder, home, kill_at)
        if status != 137:
            raise RuntimeError(f"the build killed at write {kill_at} ended with exit {status}")
        build(store, [folder], home=home, prune=True, jobs=1)
        if dump(store) == clean:
            result.identical += 1
        else:
            result.differing.append(kill_at)
        if every:
            every(index + 1, len(chosen))
    return result
