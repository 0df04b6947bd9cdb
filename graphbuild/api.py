"""The Python API: open a graph, ask the library's questions, run your own Cypher::

    import graphbuild
    graph = graphbuild.connect()                           # the embedded store under ./.lexgraph
    graph.query("adoption-lag", symbol="128/NQ-CP")[:2]    # rows as dicts
    graph.frame("most-cited", level="central")             # a pandas DataFrame (pip install lexgraph[pandas])
    graph.cypher("MATCH (d:Document) RETURN count(d) AS n")
    graph.map(doc="128/NQ-CP", layout="flow", out="map.html")
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild import exports
from graphbuild.errors import ParameterError
from graphbuild.stores import DEFAULT_HOME, open_store
from graphbuild.stores.base import GraphStore

if TYPE_CHECKING:
    from graphbuild.selection import Selection

ADHOC_TIMEOUT_MS = 5_000
# The folder a build reads when given none
DEFAULT_DATA = "data"
# What ``export`` writes: the data formats (graphbuild.exports) and pictures of the network (viz).
EXPORT_FORMATS = exports.EXPORT_FORMATS


class Lexgraph:
    """A connection to one graph (embedded or Neo4j)."""

    def __init__(self, store: GraphStore, home: Path | None = None) -> None:
        self.store = store
        self.home = home

    def query(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a library question (``queries/NAME.cypher``) with checked parameters."""
        from graphbuild.querylib import run_query

        return run_query(self.store, name, params)

    def cypher(self, text: str, /, *, write: bool = False, timeout_ms: int = ADHOC_TIMEOUT_MS, **params: Any) -> list[dict[str, Any]]:
        """Run your own Cypher; read-only (the store refuses writes) unless ``write=True``."""
        rows = self._run(text, write, timeout_ms, params)
        if write:
            self.store.settle()
        return rows

    def _run(self, text: str, write: bool, timeout_ms: int, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.store.write(text, params) if write else self.store.read(text, params, timeout_ms=timeout_ms)

    def cypher_script(self, text: str, /, *, write: bool = False, timeout_ms: int = ADHOC_TIMEOUT_MS, **params: Any) -> tuple[int, list[dict[str, Any]]]:
        """Run the statements of a script, one per line ending in ';' (as ``export --format cypher``
        writes them); how many ran, and the last one's rows."""
        from graphbuild.exports.cypher_script import statements

        texts = statements(text)
        rows: list[dict[str, Any]] = []
        for statement in texts:
            rows = self._run(statement, write, timeout_ms, params)
        if write:
            self.store.settle()
        return len(texts), rows

    def frame(self, name: str, /, **params: Any) -> Any:
        """A library question's rows as a pandas DataFrame."""
        return to_frame(self.query(name, **params))

    def selected(self, selection: Selection | None = None, **fields: Any) -> tuple[Any, list[str]]:
        """A subgraph as a networkx graph, and the messages for the analyst (summaries, an empty selection).

        Give a :class:`graphbuild.selection.Selection`, or its fields (``doc=``, ``province=`` …)."""
        from graphbuild.selection import select

        return select(self.store, _selection(selection, fields))

    def select(self, selection: Selection | None = None, **fields: Any) -> Any:
        """A subgraph as a networkx graph (see :class:`graphbuild.selection.Selection`)."""
        return self.selected(selection, **fields)[0]

    def map(self, *, layout: str = "force", title: str = "lexgraph", notebook: bool = False, out: str | Path | None = None, **selection: Any) -> Any:
        """An interactive map of a selection: the HTML text, written to ``out`` if given; in Jupyter, ``notebook=True``."""
        from viz.maps import generate_map, notebook_map

        graph, messages = self.selected(**selection)
        cards = self.map_cards(graph, messages)
        if notebook:
            return notebook_map(graph, layout=layout, title=title, messages=messages, cards=cards)
        html = generate_map(graph, layout=layout, title=title, messages=messages, cards=cards)
        if out is not None:
            Path(out).write_text(html, encoding="utf-8")
        return html

    def write_map(self, out: str | Path, selection: Selection | None = None, *, layout: str = "force", title: str | None = None) -> tuple[Any, list[str]]:
        """Write the map of a selection to ``out``; the graph drawn and the messages shown on it."""
        from viz.maps import write_map

        selection = _selection(selection, {})
        graph, messages = self.selected(selection)
        cards = self.map_cards(graph, messages)
        write_map(graph, Path(out), layout=layout, title=title or selection.title(), messages=messages, cards=cards)
        return graph, messages

    def map_cards(self, graph: Any, messages: list[str]) -> dict[str, str]:
        """The card page of each document drawn on a map (at most ``MAP_CARDS``), embedded in the map."""
        from graphbuild.cards import card_of
        from viz.card_page import generate_card_page

        uids = sorted(n for n, d in graph.nodes(data=True) if d.get("node_kind") == "document" and d.get("status") != "summary")
        if len(uids) > MAP_CARDS:
            messages.append(f"Thẻ văn bản được nhúng cho {MAP_CARDS} trong {len(uids)} văn bản (cards embedded for {MAP_CARDS}); `lexgraph show` cho các văn bản khác.")
            uids = sorted(uids, key=lambda uid: (graph.nodes[uid].get("status") != "corpus", uid))[:MAP_CARDS]
        home = self.home or Path(DEFAULT_HOME)
        return {uid: generate_card_page(card_of(self.store, uid, home=home)) for uid in uids}

    def diffusion(self, symbol: str, *, year: int | None = None) -> Any:
        """How a central document travelled to the provinces (:class:`graphbuild.diffusion.Diffusion`)."""
        from graphbuild.diffusion import diffusion

        return diffusion(self.store, symbol, year=year)

    def diffusions(self, symbols: Iterable[str], *, year: int | None = None) -> list[Any]:
        return [self.diffusion(symbol, year=year) for symbol in symbols]

    def write_diffusion(self, symbols: Iterable[str], out: str | Path, *, year: int | None = None) -> list[Any]:
        """The diffusion chart of ``symbols`` as ``out`` (``.html``, ``.png`` or ``.svg``); the diffusions drawn."""
        from viz.views import write_diffusion

        items = self.diffusions(symbols, year=year)
        write_diffusion(items, Path(out))
        return items

    def write_province_map(self, symbol: str, out: str | Path, *, year: int | None = None, measure: str = "lag", provinces: int = 2021) -> Any:
        """The province map of ``symbol`` as ``out`` (``.html``, ``.png`` or ``.svg``); the diffusion drawn."""
        from viz.views import write_province_map

        item = self.diffusion(symbol, year=year)
        write_province_map(item, Path(out), measure=measure, year=provinces)
        return item

    def report(self, *symbols: str, out: str | Path, year: int | None = None, measure: str = "lag") -> list[Path]:
        """A brief on ``symbols``: ``out`` (HTML) and its Markdown twin with SVG pictures; the files written."""
        from viz.views import write_report

        return write_report(self.diffusions(symbols, year=year), Path(out), measure=measure)

    def leaders(self, *, date_from: str | None = None, date_to: str | None = None, level: str = "central", min_provinces: int = 10) -> list[Any]:
        """Leaders and laggards (:func:`graphbuild.flow.leaders`): per province, the mean normalised rank
        of its first citation over the documents of ``level`` that ``min_provinces`` provinces cited."""
        from graphbuild.flow import leaders
        from graphbuild.querylib import run_query

        rows = run_query(self.store, "first-citations", {"level": level, "from": date_from, "to": date_to})
        return leaders(rows, min_provinces=min_provinces)

    def write_leaders_map(self, out: str | Path, *, min_provinces: int = 10, window: int = 7, level: str = "central") -> tuple[list[Any], list[Any]]:
        """The province map of the leaders score with arrows to followers, as ``out`` (``.html``,
        ``.png`` or ``.svg``); the leaders and followers drawn."""
        from viz.views import write_leaders_map

        scored = self.leaders(level=level, min_provinces=min_provinces)
        found = self.followers(window=window, level=level)
        explained = (
            f"Mỗi ô (63 tỉnh năm 2021): điểm trung bình thứ hạng chuẩn hóa của văn bản đầu tiên của tỉnh, trên các văn bản cấp {level} được ít nhất "
            f"{min_provinces} tỉnh trích dẫn (0 = luôn đầu tiên, 1 = sau cùng hoặc chưa trích dẫn). Mũi tên A → B: B trích dẫn "
            f"trong vòng {window} ngày sau A thường xuyên hơn mức mà nhịp độ riêng của mỗi tỉnh giải thích (kiểm định hoán vị)."
        )
        write_leaders_map(scored, found, Path(out), title="Tỉnh đi đầu, tỉnh đi sau và tỉnh theo sau", explained=explained)
        return scored, found

    def followers(self, *, window: int = 7, level: str = "central", date_from: str | None = None, date_to: str | None = None) -> list[Any]:
        """Who follows whom (:func:`graphbuild.flow.followers`): province pairs where one acts within
        ``window`` days after the other more often than their own timings explain."""
        from graphbuild.flow import followers
        from graphbuild.querylib import run_query

        rows = run_query(self.store, "first-citations", {"level": level, "from": date_from, "to": date_to})
        return followers(rows, window=window)

    def hazard(self, symbol: str, *, period: str = "week", year: int | None = None) -> tuple[Any, list[Any]]:
        """The diffusion of ``symbol`` and its hazard per period (:func:`graphbuild.flow.hazard`): the
        provinces still at risk, how many acted, the rate."""
        from graphbuild.flow import hazard

        item = self.diffusion(symbol, year=year)
        if item.day is None:
            return item, []
        return item, hazard(item.day, item.first_days(), period=period, risk_set=item.province_count)

    def panel(
        self, symbols: Iterable[str] = (), *, level: str = "central", period: str = "week", until: str | None = None, provinces: int = 2021,
    ) -> tuple[list[dict[str, Any]], int]:
        """The event-history panel (:func:`graphbuild.flow.panel`) of ``symbols`` (any spelling), or of
        every document of ``level`` when none is given, observed until ``until`` (by default the
        date of the corpus's last dated notice); and how many citing notices were left out undated."""
        from graphbuild.dates import day_number
        from graphbuild.flow import LAST_NOTICE_DAY, UNDATED_CITERS, panel
        from graphbuild.querylib import run_query
        from graphbuild.symbols import parse_symbol

        rows = run_query(self.store, "first-citations", {"level": level})
        wanted = {parse_symbol(symbol).canonical for symbol in symbols}
        if wanted:
            rows = [row for row in rows if row["symbol"] in wanted]
        last = day_number(until) if until else (self.store.read(LAST_NOTICE_DAY) or [{"last": None}])[0]["last"]
        undated = self.store.read(UNDATED_CITERS, {"level": level})[0]["undated"]
        return (panel(rows, until=last, period=period, provinces_of=provinces) if last is not None else []), int(undated or 0)

    def stats(self) -> list[dict[str, Any]]:
        """What the graph holds: nodes, relationships, documents, conflicts."""
        from graphbuild.stats import graph_stats

        return graph_stats(self.store)

    def why_empty(self, name: str, /, **params: Any) -> str | None:
        """Why a library question gave no rows, when it can be told (an unknown symbol, an empty graph)."""
        from graphbuild.querylib import why_empty

        return why_empty(self.store, name, params)

    def export(self, fmt: str, out: str | Path, selection: Selection | None = None, **fields: Any) -> Any:
        """Write the selection as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out``; the graph written.

        The Neo4j formats without a selection carry the whole store, not the drawing of it."""
        if fmt not in EXPORT_FORMATS:
            raise ParameterError(f"format '{fmt}': one of {', '.join(EXPORT_FORMATS)}.")
        selection = _selection(selection, fields)
        if fmt == "neo4j-import" and selection.is_whole_graph:
            from graphbuild.exports.neo4j_import import write_store_import

            return write_store_import(self.store, out)  # a page at a time: a large corpus in bounded memory
        if fmt in exports.NEO4J_FORMATS and selection.is_whole_graph:
            from graphbuild.exports.store_graph import whole_graph

            graph = whole_graph(self.store)
        else:
            graph = self.select(selection)
        if fmt in exports.PICTURE_FORMATS:
            from viz.network_picture import write_picture

            write_picture(graph, out, fmt=fmt)
        else:
            exports.export(graph, fmt, out)
        return graph

    def build(self, *paths: str | Path, **options: Any) -> Any:
        from graphbuild.build import build

        return build(self.store, list(paths) or [DEFAULT_DATA], home=self.home or Path(DEFAULT_HOME), **options)

    # -- trust: corrections, the review queue, the card, search ---------------------------------

    def correct(self, document: str, field: str, value: str, *, note: str = "", who: str | None = None, corrections: str | Path | None = None) -> tuple[Any, Path]:
        """Append a correction of ``document``'s ``field`` to the corrections file; the next build applies it."""
        import datetime as dt
        import getpass

        from graphbuild.corrections import Correction, CorrectionError, append_correction, checked_value, corrections_path
        from graphbuild.documents import find_document

        found = find_document(self.store, document, corpus_only=True)
        if found["status"] != "corpus" or not found.get("content_hash"):
            raise CorrectionError(f"{found['uid']} has no file of its own in the graph: correct the notices that cite it")
        checked = checked_value(field, value)
        from graphbuild.review import shown_path

        row = Correction(shown_path(found["source"]), found["content_hash"], field, checked, note, who or getpass.getuser(), dt.datetime.now().isoformat(timespec="seconds"))
        path = corrections_path(self.home or Path(DEFAULT_HOME), corrections)
        append_correction(path, row)
        return row, path

    def review(self, *, province: str | None = None, limit: int | None = None) -> list[Any]:
        from graphbuild.review import review_rows

        return review_rows(self.store, home=self.home or Path(DEFAULT_HOME), province=province, limit=limit)

    def write_review_page(self, out: str | Path, *, province: str | None = None, limit: int | None = None) -> list[Any]:
        from viz.review_page import write_review_page

        rows = self.review(province=province, limit=limit)
        write_review_page(rows, out)
        return rows

    def card(self, document: str) -> Any:
        from graphbuild.cards import card

        return card(self.store, document, home=self.home or Path(DEFAULT_HOME))

    def write_card(self, document: str, out: str | Path) -> Any:
        from viz.card_page import write_card_page

        found = self.card(document)
        write_card_page(found, out)
        return found

    def search(self, text: str, *, province: str | None = None, date_from: str | None = None, date_to: str | None = None, doc_type: str | None = None) -> list[dict[str, Any]]:
        """Notices whose subject or citing sentences hold ``text`` (with or without diacritics), by date."""
        return self.store.search(text, province=province, date_from=date_from, date_to=date_to, doc_type=doc_type)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Lexgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The most document cards a map embeds (each is a small page with the document's text)
MAP_CARDS = 600


def connect(
    home: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> Lexgraph:
    """Open the embedded store under ``home`` (started on demand), or Neo4j when ``neo4j_uri`` is given.

    What is not given is taken from the environment, as the command line does: ``LEXGRAPH_HOME``
    (else ``./.lexgraph``), ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.
    """
    home = home if home is not None else os.environ.get("LEXGRAPH_HOME", DEFAULT_HOME)
    neo4j_uri = neo4j_uri or os.environ.get("NEO4J_URI")
    store = open_store(
        home=home, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user or os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=neo4j_password if neo4j_password is not None else os.environ.get("NEO4J_PASSWORD"),
        neo4j_database=neo4j_database or os.environ.get("NEO4J_DATABASE"),
    )
    return Lexgraph(store, Path(home))


def _selection(selection: Selection | None, fields: dict[str, Any]) -> Selection:
    from graphbuild.selection import Selection

    return selection if selection is not None else Selection(**fields)


def extract_files(paths: Iterable[str | Path], *, jobs: int | None = None, ocr: bool = True, as_json_lines: bool = False) -> Iterator[Any]:
    """Read and extract every file under ``paths`` across ``jobs`` processes, in file order: a
    :class:`graphbuild.pipeline.FileResult` each (its error, if the file was refused), or with
    ``as_json_lines`` each file's ``lexgraph extract`` JSON lines made in the worker
    (:class:`graphbuild.pipeline.FileLines`)."""
    from functools import partial

    from graphbuild.pipeline import extract_path, extract_paths, json_lines
    from graphbuild.reading import ReadOptions

    worker = json_lines if as_json_lines else extract_path
    return extract_paths(paths, jobs=jobs, worker=partial(worker, options=ReadOptions(ocr=ocr)))


def coverage(documents: list[dict[str, Any]], refused: list[str]) -> Any:
    """How much of a folder's documents each own field was found for (:class:`graphbuild.coverage.Coverage`)."""
    from graphbuild.coverage import coverage as measured

    return measured(documents, refused)


def questions() -> dict[str, Any]:
    """The library's questions by name (:class:`graphbuild.querylib.Question`)."""
    from graphbuild.querylib import library

    return library()


def start_embedded(home: str | Path = DEFAULT_HOME) -> tuple[Any, int]:
    """Start the embedded store of ``home`` and leave it running; its paths (socket, log), and the
    minutes after which a store started by a command (not this way) stops unused."""
    from graphbuild.stores import falkor_server

    return falkor_server.start(Path(home), keep_running=True), falkor_server.IDLE_SECONDS // 60


def stop_embedded(home: str | Path = DEFAULT_HOME) -> bool:
    """Stop the embedded store of ``home`` cleanly; whether it was running."""
    from graphbuild.stores import falkor_server

    return falkor_server.stop(Path(home))


def embedded_status(home: str | Path = DEFAULT_HOME) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Whether the embedded store of ``home`` runs, and every embedded store running on this machine."""
    from graphbuild.stores import falkor_server

    return falkor_server.status(Path(home)), falkor_server.running_servers()


def to_frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError("DataFrames need pandas: pip install 'lexgraph[pandas]'") from err
    return pd.DataFrame(rows)


def parse_params(pairs: tuple[str, ...] | list[str], *, typed: bool = False) -> dict[str, Any]:
    """``key=value`` pairs from the command line. With ``typed``, values are read as JSON when they are."""
    params: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"--param {pair}: write it as name=value.")
        key, value = pair.split("=", 1)
        key = key.strip()
        if not key.isidentifier():
            raise ParameterError(f"--param {pair}: '{key}' is not a parameter name.")
        if typed:
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                params[key] = value
        else:
            params[key] = value
    return params


__all__ = ["ADHOC_TIMEOUT_MS", "DEFAULT_DATA", "EXPORT_FORMATS", "Lexgraph", "connect", "coverage", "embedded_status", "extract_files", "parse_params", "questions", "start_embedded", "stop_embedded", "to_frame"]
