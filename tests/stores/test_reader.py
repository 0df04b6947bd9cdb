"""A store's second connection for reads from another thread (the reconcile reads ahead on it while
the build writes), on both stores."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from graphbuild.stores.base import GraphStore, reads_at_once

COUNT = "MATCH (n:Organization) RETURN count(n) AS n"


def test_a_reader_reads_on_its_own_thread_while_the_store_writes(store: GraphStore) -> None:
    store.write("UNWIND range(1, 50) AS i CREATE (:Organization {uid: 'o' + toString(i)})")
    with store.reader() as reader, ThreadPoolExecutor(max_workers=1) as thread:
        counts = [thread.submit(reader.read, COUNT) for _ in range(20)]
        for i in range(20):  # writes meanwhile, on the store's own connection
            store.write("CREATE (:Person {uid: $uid})", {"uid": f"p{i}"})
        assert {future.result()[0]["n"] for future in counts} == {50}
        assert thread.submit(reader.read, "MATCH (p:Person) RETURN count(p) AS n").result() == [{"n": 20}]
    assert store.read(COUNT) == [{"n": 50}]  # the store's connection goes on after the reader closed


def test_a_delete_through_the_reader_is_still_settled(embedded_store: GraphStore) -> None:
    store = embedded_store
    store.write("CREATE (:Organization {uid: 'gone'})")
    store.settle()
    with store.reader() as reader:
        reader.write("MATCH (o:Organization {uid: 'gone'}) DELETE o")
    assert store._deleted  # type: ignore[attr-defined]  # (the next settle rewrites the append-only file)


def test_reads_at_once_answer_in_order_and_never_share_a_connection(embedded_store: GraphStore) -> None:
    """``reads_at_once`` with the store's own connection among two: eight reads, each waiting a
    little so that they overlap, come back in the order submitted, and no connection serves two
    threads at once."""
    store = embedded_store
    store.write("UNWIND range(1, 50) AS i CREATE (:Organization {uid: 'o' + toString(i)})")
    busy: set[int] = set()
    clashes: list[int] = []
    used: set[int] = set()
    lock = threading.Lock()

    def read(connection: GraphStore, i: int) -> tuple[int, int]:
        with lock:
            clashes.extend([i] if id(connection) in busy else [])
            busy.add(id(connection))
            used.add(id(connection))
        try:
            time.sleep(0.02)
            return i, connection.read(COUNT)[0]["n"]
        finally:
            with lock:
                busy.discard(id(connection))

    with reads_at_once(store, 2, own=True) as submit:
        found = [submit(read, i) for i in range(8)]
        assert [future.result() for future in found] == [(i, 50) for i in range(8)]
    assert clashes == [] and len(used) == 2 and id(store) in used
    assert store.read(COUNT) == [{"n": 50}]  # (the second connection closed, the store's goes on)
