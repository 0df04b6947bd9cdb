"""Choosing a subgraph for maps and exports, read from the store into a networkx graph.

A selection is the whole graph; a document and its citation neighbourhood (``doc``, ``depth``,
``direction``: ``in`` — who cites it, ``out`` — what it cites, or ``both``); a province's
notices; a period; the documents a library query or a Cypher statement returns. Filters combine.
Notices come with what they cite; with ``context`` the issuing bodies, provinces and signers
come too.

A selection with more than ``limit`` nodes is summarised rather than drawn node by node: first
the context is left out, then each province's notices become one node ("Điện Biên: 120
notices") linked to what they cite, with the number of notices on each link; a message says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphbuild.dates import day_iso
from graphbuild.errors import SelectionError
from graphbuild.stores.base import GraphStore, read_batches

DEFAULT_LIMIT = 1500
MAX_DEPTH = 6

ALL_DOCUMENTS = "MATCH (d:Document) RETURN d.uid AS uid"
DOCUMENTS_BY_SYMBOL = "MATCH (d:Document) WHERE d.canonical = $symbol OR d.uid = $symbol OR d.label = $symbol RETURN d.uid AS uid"
CITED_BY = "MATCH (a:Document)-[:CITES]->(b:Document) WHERE b.uid IN $uids RETURN DISTINCT a.uid AS uid"
CITING = "MATCH (a:Document)-[:CITES]->(b:Document) WHERE a.uid IN $uids RETURN DISTINCT b.uid AS uid"
NOTICES = """
MATCH (n:Document {status: 'corpus'})
WHERE ($province IS NULL OR n.province = $province)
  AND ($from IS NULL OR coalesce(n.date, n.meeting_date) >= $from) AND ($to IS NULL OR coalesce(n.date, n.meeting_date) <= $to)
RETURN n.uid AS uid
"""
DOCUMENTS_BY_LABEL = "MATCH (d:Document) WHERE d.label IN $labels RETURN d.uid AS uid"
DOCUMENT_PROPERTIES = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) RETURN properties(d) AS props"
LINKS_FROM = """
UNWIND $uids AS uid
MATCH (a:Document {uid: uid})-[r]->(b:Document)
WHERE type(r) IN ['CITES', 'COPY_OF']
RETURN a.uid AS start, b.uid AS end, type(r) AS type, properties(r) AS props
"""
CONTEXT = """
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
OPTIONAL MATCH (d)-[i:ISSUED_BY]->(o:Organization)
OPTIONAL MATCH (d)-[:IN_PROVINCE]->(p:Province)
OPTIONAL MATCH (s:Person)-[g:SIGNED]->(d)
RETURN d.uid AS uid, collect(DISTINCT properties(o)) AS organizations, collect(DISTINCT properties(p)) AS provinces,
       collect(DISTINCT {person: properties(s), role: g.role, capacity: g.capacity}) AS signers
"""


@dataclass(frozen=True)
class Selection:
    doc: str | None = None
    depth: int = 1
    direction: str = "both"
    province: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    cypher: str | None = None
    search: str | None = None  # notices holding these words (lexgraph search), and what they cite
    context: bool = True
    limit: int = DEFAULT_LIMIT

    def title(self) -> str:
        """The map's title when none is given: what was selected, in Vietnamese."""
        parts = [f"{k} {v}" for k, v in (("văn bản", self.doc), ("tỉnh", self.province), ("từ", self.date_from), ("đến", self.date_to), ("câu hỏi", self.query), ("tìm", self.search)) if v]
        return "lexgraph — " + (", ".join(parts) if parts else "toàn bộ đồ thị")

    @property
    def is_whole_graph(self) -> bool:
        return not (self.doc or self.province or self.date_from or self.date_to or self.query or self.cypher or self.search)


def level_category(level: str | None, kind: str | None) -> str:
    """The colour class of a document: central Party, central state, provincial, district."""
    if level == "central":
        return "central_party" if kind == "party" else "central_state"
    return level or "unknown"


def select(store: GraphStore, selection: Selection) -> tuple[nx.MultiDiGraph, list[str]]:
    """The selected subgraph and the messages to show the analyst (summaries, empty results)."""
    messages: list[str] = []
    uids = _document_uids(store, selection)
    graph = nx.MultiDiGraph()
    if not uids:
        messages.append("Vùng chọn không có văn bản nào (the selection holds no documents).")
        return graph, messages
    ordered = sorted(uids)
    for row in read_batches(store, DOCUMENT_PROPERTIES, "uids", ordered):
        props = row["props"]
        graph.add_node(props["uid"], **_document_node(props))
    for row in read_batches(store, LINKS_FROM, "uids", ordered):
        if row["end"] in graph:  # links within the selection only
            graph.add_edge(row["start"], row["end"], key=row["type"], type=row["type"], **_clean(row["props"]))
    if selection.context and graph.number_of_nodes() * 2 <= selection.limit:
        _add_context(store, graph, ordered)
    elif selection.context:
        messages.append(f"{graph.number_of_nodes()} văn bản: không vẽ cơ quan ban hành, tỉnh và người ký để bản đồ dễ đọc (--no-context).")
    if graph.number_of_nodes() > selection.limit:
        graph, note = summarise(graph, selection.limit)
        messages.append(note)
    return graph, messages


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and k != "source"}


def _document_node(props: dict[str, Any]) -> dict[str, Any]:
    node = _clean(props)
    node.update(
        node_kind="document",
        label=props.get("label") or props.get("canonical") or props["uid"],
        category=level_category(props.get("level"), props.get("kind")),
        cited_by=props.get("cited_by") or 0,
    )
    node.pop("uid", None)
    return node


def _document_uids(store: GraphStore, selection: Selection) -> set[str]:
    if selection.depth < 0 or selection.depth > MAX_DEPTH:
        raise SelectionError(f"--depth {selection.depth}: use 0 to {MAX_DEPTH}.")
    if selection.direction not in {"in", "out", "both"}:
        raise SelectionError(f"--direction {selection.direction}: use in, out or both.")
    if selection.is_whole_graph:
        return {r["uid"] for r in store.read(ALL_DOCUMENTS)}
    uids: set[str] | None = None
    if selection.doc:
        from graphbuild.symbols import parse_symbol

        try:
            symbol = parse_symbol(selection.doc).canonical
        except ValueError:
            symbol = selection.doc
        seeds = {r["uid"] for r in store.read(DOCUMENTS_BY_SYMBOL, {"symbol": symbol})}
        if not seeds:
            raise SelectionError(f"--doc {selection.doc}: no document with that symbol is in the graph. `lexgraph query most-cited` lists documents.")
        uids = _neighbourhood(store, seeds, selection.depth, selection.direction)
    if selection.province or selection.date_from or selection.date_to:
        province = selection.province
        if province:
            from graphbuild.extractors.provinces import province_named

            found = province_named(province)
            if found is None:
                raise SelectionError(f"--province {province}: not one of the 63 provinces of 2021.")
            province = found.name
        notices = {r["uid"] for r in store.read(NOTICES, {"province": province, "from": selection.date_from, "to": selection.date_to})}
        notices |= _neighbourhood(store, notices, 1, "out")
        uids = notices if uids is None else uids & notices
    if selection.query:
        from graphbuild.querylib import run_query

        rows = run_query(store, selection.query, selection.params)
        found_uids = _uids_in_rows(store, rows)
        if "symbol" in selection.params:
            from graphbuild.querylib import bind, get_query

            wanted = bind(get_query(selection.query), selection.params).get("symbol")
            found_uids |= {r["uid"] for r in store.read(DOCUMENTS_BY_SYMBOL, {"symbol": wanted})}
        uids = found_uids if uids is None else uids & found_uids
    if selection.search:
        matched = {r["uid"] for r in store.search(selection.search, province=None, date_from=None, date_to=None, doc_type=None)}
        matched |= _neighbourhood(store, matched, 1, "out")
        uids = matched if uids is None else uids & matched
    if selection.cypher:
        rows = store.read(selection.cypher, selection.params, timeout_ms=10_000)
        found_uids = _uids_in_rows(store, rows)
        uids = found_uids if uids is None else uids & found_uids
    return uids or set()


def _neighbourhood(store: GraphStore, seeds: set[str], depth: int, direction: str) -> set[str]:
    found = set(seeds)
    frontier = set(seeds)
    for _ in range(depth):
        step: set[str] = set()
        batch = sorted(frontier)
        if direction in {"in", "both"}:
            step |= {r["uid"] for r in store.read(CITED_BY, {"uids": batch})}
        if direction in {"out", "both"}:
            step |= {r["uid"] for r in store.read(CITING, {"uids": batch})}
        frontier = step - found
        found |= step
        if not frontier:
            break
    return found


def _uids_in_rows(store: GraphStore, rows: list[dict[str, Any]]) -> set[str]:
    """Documents a result names: nodes, paths, ``…uid`` columns, or document labels."""
    uids: set[str] = set()
    labels: set[str] = set()

    def visit(key: str, value: Any) -> None:
        if isinstance(value, dict):
            if "Document" in value.get("_labels", []) and "uid" in value:
                uids.add(value["uid"])
            for k, v in value.items():
                visit(k, v)
        elif isinstance(value, list):
            for item in value:
                visit(key, item)
        elif isinstance(value, str):
            if key == "uid" or key.endswith("_uid"):
                uids.add(value)
            elif key in {"document", "cited", "first", "second", "chain", "notice", "first_notice"}:
                labels.add(value)

    for row in rows:
        for key, value in row.items():
            visit(key, value)
    if labels:
        uids |= {r["uid"] for r in store.read(DOCUMENTS_BY_LABEL, {"labels": sorted(labels)})}
    return uids


def _add_context(store: GraphStore, graph: nx.MultiDiGraph, uids: list[str]) -> None:
    for row in store.read(CONTEXT, {"uids": uids}):
        for org in row["organizations"]:
            if org and org.get("uid"):
                graph.add_node(org["uid"], **{**_clean(org), "node_kind": "organization", "label": org.get("name") or org["uid"], "category": level_category(org.get("level"), org.get("kind"))})
                graph.add_edge(row["uid"], org["uid"], key="ISSUED_BY", type="ISSUED_BY")
        for province in row["provinces"]:
            if province and province.get("uid"):
                graph.add_node(province["uid"], **{**_clean(province), "node_kind": "province", "label": province.get("name"), "category": "province"})
                graph.add_edge(row["uid"], province["uid"], key="IN_PROVINCE", type="IN_PROVINCE")
        for signed in row["signers"]:
            person = signed.get("person")
            if person and person.get("uid"):
                graph.add_node(person["uid"], **{**_clean(person), "node_kind": "person", "label": person.get("name"), "category": "person"})
                graph.add_edge(person["uid"], row["uid"], key="SIGNED", type="SIGNED", **_clean({"role": signed.get("role"), "capacity": signed.get("capacity")}))


def summarise(graph: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, str]:
    """The bipartite view of a large selection: each province's notices become one node, linked to
    the documents they cite, each link weighted by the number of notices.

    A province's node carries the day of its first notice (so it has a place in time), how many
    notices it stands for and how many of them are district-level. Documents that are not
    notices of a province (central documents, cited-only documents) stay as they are.
    """
    before = graph.number_of_nodes()
    documents = [n for n, d in graph.nodes(data=True) if d.get("node_kind") == "document"]
    summary = nx.MultiDiGraph()
    group_of: dict[str, str] = {}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in documents:
        data = graph.nodes[node]
        if data.get("status") == "corpus" and data.get("level") != "central":
            group = f"notices:{data.get('province') or '?'}"
            group_of[node] = group
            members[group].append(data)
    for node in documents:
        if node not in group_of:
            summary.add_node(node, **graph.nodes[node])
    for group, notices in members.items():
        province = group.split(":", 1)[1]
        days = [d["day"] for d in notices if isinstance(d.get("day"), int)]
        district = sum(1 for d in notices if d.get("level") == "district")
        name = province if province != "?" else "Chưa rõ tỉnh"
        group_node: dict[str, Any] = {
            "node_kind": "document", "category": "provincial" if province != "?" else "unknown", "level": "provincial", "province": name,
            "label": f"{name} · {len(notices)} văn bản", "notices": len(notices), "district_notices": district, "status": "summary", "cited_by": 0,
        }
        if days:
            group_node["day"] = min(days)
            group_node["date"] = day_iso(min(days))
            group_node["last_date"] = day_iso(max(days))
        summary.add_node(group, **group_node)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for start, end, data in graph.edges(data=True):
        if data.get("type") not in {"CITES", "COPY_OF"} or start not in graph or end not in graph:
            continue
        a, b = group_of.get(start, start), group_of.get(end, end)
        if a in summary and b in summary and a != b:
            weights[(a, b)] += 1
    for (a, b), weight in weights.items():
        summary.add_edge(a, b, key="CITES", type="CITES", notices=weight, mentions=weight)
    if summary.number_of_nodes() > limit:
        keep = sorted(summary.nodes, key=lambda n: (-(summary.nodes[n].get("notices") or 0), -(summary.nodes[n].get("cited_by") or 0), n))[:limit]
        summary = nx.MultiDiGraph(summary.subgraph(keep))
    note = (
        f"Vùng chọn có {before} nút, vượt giới hạn {limit} (over the limit of {limit}): văn bản của mỗi tỉnh được gộp thành một nút, "
        f"nối với văn bản mà chúng trích dẫn, độ dày cạnh là số văn bản ({summary.number_of_nodes()} nút). "
        "Thu hẹp vùng chọn hoặc tăng --limit để xem từng văn bản."
    )
    return summary, note
