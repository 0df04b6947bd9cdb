"""What the benchmarks share: a throw-away embedded store."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphbuild.stores import embedded, open_store
from graphbuild.stores.base import GraphStore


@contextmanager
def scratch_store() -> Iterator[tuple[GraphStore, Path]]:
    """An empty embedded store in a temporary home, stopped and removed afterwards."""
    home = Path(tempfile.mkdtemp(prefix="lexgraph-bench-"))
    store = open_store(home=home)
    try:
        yield store, home
    finally:
        store.close()
        embedded.stop(home)
        shutil.rmtree(home, ignore_errors=True)
