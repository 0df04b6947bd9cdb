"""Python's cycle collector around lexgraph's two heavy allocators: a question's answer and a build.

The collector starts a collection every 700 new containers (lists, dicts, objects), walks every
young object each time and, every tenth and hundredth time, the older ones too. What lexgraph
makes in bulk holds no cycles (rows, statements' parameters, records: reference counting frees
them), so those walks find nothing; they cost a third of a large answer's time and, at 30,000
notices, 3.4 of the build's own 12 cpu-seconds, growing with what the build holds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# A build's thresholds: a young collection every 50,000 new containers, an old one every 20 of
# those, the whole heap every 10 old ones once it has grown by a quarter (Python's own rule; its
# thresholds are 700, 10, 10). Cycles wait longer: the Neo4j driver makes some for every
# transaction, and a 30k build's own process peaks at 327 MB instead of 263 (embedded: the same).
BUILD_THRESHOLDS = (50_000, 20, 10)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an answer is read and turned into rows.

    An answer of a thousand rows holding lists is some 100,000 new lists and strings; each 700 new
    containers start a collection, which walks every young object, and every tenth one the older
    generation too: about a third of the time of such a question at 100k notices. The rows hold no
    cycles, so nothing waits for the collector meanwhile (reference counting frees them). Nested
    or concurrent pauses leave the collector as the outermost found it.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def collector_relaxed(thresholds: tuple[int, int, int] = BUILD_THRESHOLDS) -> Iterator[None]:
    """Collections far apart for a build (its extraction workers, forked inside, inherit it), then
    Python's thresholds back. Cycles are still collected, only later.

    >>> before = gc.get_threshold()
    >>> with collector_relaxed():
    ...     gc.get_threshold()
    (50000, 20, 10)
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)
