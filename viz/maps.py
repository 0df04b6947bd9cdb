"""Interactive citation maps: one self-contained HTML file that works offline in any current browser.

The network is built with pyvis (its Node and Edge option objects and vis-network options) and
rendered through lexgraph's own template, which inlines the vis-network that pyvis ships:
pyvis' ``in_line`` template still links bootstrap from a CDN, and its ``local`` mode needs files
beside the page. Text from documents never reaches the page as HTML: the data is embedded as
JSON with ``<``, ``>`` and ``&`` escaped, and tooltips are built in the browser with
``textContent`` — pyvis switches every popup to ``innerHTML`` as soon as one title contains
``href``, and does not escape its heading, so it is not relied on for escaping.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO, Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graphbuild import vocabulary
from graphbuild.dates import vn_date
from graphbuild.vocabulary import Term, cites_name, relation_name, terms
from viz.graph_layout import flow_positions, geographic_positions, node_size

LAYOUTS = ("force", "flow")
CONFIDENCE_NAMES = {"certain": "chắc chắn (certain)", "likely": "có thể (likely)", "doubtful": "đáng ngờ (doubtful)"}
# Above this many nodes, bodies, provinces and people start hidden (a layer each, one click away)
LAYERS_OFF_ABOVE = 200
CONTEXT_LAYERS = (("organization", "Cơ quan ban hành"), ("province", "Tỉnh"), ("person", "Người ký"))
# Above this many undated documents, their column starts collapsed to one node that opens it
UNDATED_COLLAPSE_ABOVE = 10
UNDATED_GROUP = "lexgraph:undated"
SOLID = Term("edge", "", "", "", "", "solid", "", "")

# Colour by level, shape by kind, edges by type: the vocabulary's (graphbuild/data/vocabulary.csv).
CATEGORIES: dict[str, tuple[str, str]] = {key: (t.colour, t.labelled) for key, t in terms("category").items()}
SHAPES: dict[str, tuple[str, str]] = {key: (t.style, t.labelled) for key, t in terms("shape").items()}

NODE_FIELDS = (
    ("Loại", "type"), ("Số, ký hiệu", "symbol"), ("Ngày ban hành", "date"), ("Ngày họp", "meeting_date"),
    ("Cơ quan ban hành", "issuer"), ("Tỉnh", "province"), ("Trích yếu", "subject"), ("Cấp", "level"),
    ("Độ tin cậy", "confidence"), ("Số văn bản trích dẫn", "cited_by"), ("Số văn bản gộp", "notices"), ("Trạng thái", "status"), ("Tên", "name"), ("Chức vụ", "title"), ("Vùng", "region"),
)
EDGE_FIELDS = (
    ("Quan hệ", "relation"), ("Quan hệ chi tiết", "relation_detail"), ("Số lần nhắc", "mentions"), ("Số văn bản", "notices"), ("Trích dẫn", "as_written"),
    ("Câu văn", "sentence"), ("Độ tin cậy", "confidence"), ("Lý do nghi ngờ", "doubt"), ("Chênh lệch", "conflict"), ("Vai trò", "role"), ("Thẩm quyền", "capacity"),
)

FORCE_OPTIONS = {
    "physics": {
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -8000, "springLength": 140, "springConstant": 0.04, "theta": 0.6},
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50},
    },
    "layout": {"improvedLayout": False},
    "edges": {"smooth": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}
FLOW_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "edges": {"smooth": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}


def _shown(key: str, value: Any) -> Any:
    """A value as an analyst reads it: relations and levels in the documents' words, dates as dd/mm/yyyy."""
    if key == "relation":
        return relation_name(value)
    if key == "relation_detail":
        return vocabulary.name("relation_detail", value, value)
    if key == "level":
        return vocabulary.name("level", value, value)
    if key == "status":
        return vocabulary.name("status", value, value)
    if key == "confidence":
        return CONFIDENCE_NAMES.get(value, value)
    if key in {"date", "meeting_date"} and isinstance(value, str) and len(value) == 10:
        return vn_date(value)
    return value


def _tooltip(data: dict[str, Any], fields: tuple[tuple[str, str], ...]) -> list[list[str]]:
    rows = []
    for name, key in fields:
        value = _shown(key, data.get(key))
        if value not in (None, "", [], 0):
            rows.append([name, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)])
    return rows


def placed(graph: nx.MultiDiGraph, layout: str) -> tuple[dict[Any, tuple[float, float]], list[tuple[float, str]]]:
    """Fixed positions and time-axis ticks: the flow layout, or the geographic view of a summarised
    selection; none (the browser's physics places the nodes) for a force map of documents."""
    if layout == "flow":
        return flow_positions(graph)
    if any(d.get("status") == "summary" for _, d in graph.nodes(data=True)):
        return geographic_positions(graph), []
    return {}, []


def build_network(graph: nx.MultiDiGraph, layout: str = "force", positions: dict[Any, tuple[float, float]] | None = None) -> Any:
    """The pyvis Network for ``graph`` in ``layout`` (``force`` or ``flow``), at ``positions`` if given."""
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r}: use force or flow")
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    summarised = any(d.get("status") == "summary" for _, d in graph.nodes(data=True))
    if positions is None:
        positions, _ = placed(graph, layout)
    # pyvis' add_node/add_edge check membership in lists (quadratic on large maps): its option
    # objects are built directly instead.
    for node_id, data in graph.nodes(data=True):
        kind = data.get("node_kind", "document")
        colour = CATEGORIES.get(data.get("category", "unknown"), CATEGORIES["unknown"])[0]
        options: dict[str, Any] = {
            "color": colour, "size": node_size(data), "group": data.get("category", "unknown"),
            "tooltip": _tooltip(data, NODE_FIELDS), "search": " ".join(str(data.get(k) or "") for k in ("label", "symbol", "canonical", "name")),
            "font": {"size": 14, "face": "DejaVu Sans, Arial, sans-serif"},
            "kind": kind,
        }
        if kind == "document" and isinstance(data.get("day"), int):
            options["day"] = data["day"]
        if data.get("confidence") == "doubtful":  # a fact of it is doubtful: a dashed border (lexgraph review lists it)
            options.update(borderWidth=3, shapeProperties={"borderDashes": [5, 4]})
        if node_id in positions:
            options.update(x=positions[node_id][0], y=positions[node_id][1], physics=False)
        if summarised:  # a province's tile holds its node and two lines of label
            options["size"] = min(options["size"], 16.0 if data.get("status") == "summary" else 22.0)
        label = str(data.get("label") or node_id)
        if data.get("status") == "summary":
            label = label.replace(" · ", "\n")  # two short lines fit a province's tile
        node = Node(str(node_id), SHAPES.get(kind, SHAPES["document"])[0], label, **options)
        net.nodes.append(node.options)
        net.node_ids.append(str(node_id))
        net.node_map[str(node_id)] = node.options
    for start, end, data in graph.edges(data=True):
        weight = data.get("notices") or data.get("mentions") or 1
        edge = Edge(
            str(start), str(end), True,
            width=(0.5 + min(6.0, math.sqrt(weight) / 2)) if summarised else 1 + min(int(weight), 8),
            color={"color": "#5d6d7e", "opacity": 0.3, "highlight": "#c0392b", "hover": "#c0392b"} if summarised else vocabulary.colour("edge", data.get("type"), "#5d6d7e"),
            tooltip=_tooltip(data, EDGE_FIELDS), kind=data.get("type"),
            dashes=terms("edge").get(data.get("type", ""), SOLID).style == "dashed",
        )
        net.edges.append(edge.options)
    net.options = _force_options(graph.number_of_nodes()) if layout == "force" and not summarised else FLOW_OPTIONS
    return net


def _force_options(nodes: int) -> dict[str, Any]:
    """Fewer stabilisation steps on large maps, so that they are usable within seconds."""
    options = json.loads(json.dumps(FORCE_OPTIONS))
    options["physics"]["stabilization"]["iterations"] = 200 if nodes <= 1500 else max(40, int(200 * 1500 / nodes))
    return options


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no markup can end it or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (folder / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    return js, css


def generate_map(
    graph: nx.MultiDiGraph, *, layout: str = "force", title: str = "lexgraph", messages: list[str] | None = None, cards: dict[str, str] | None = None,
) -> str:
    """The map as one HTML document (no I/O); ``cards``: each document's card page by uid, opened
    in a panel when the document is clicked."""
    from viz.graph_layout import UNDATED_LABEL

    positions, ticks = placed(graph, layout)
    net = build_network(graph, layout, positions)
    nodes, edges, _, _, _, options = net.get_network_data()
    undated = [n for n in nodes if n.get("kind") == "document" and not isinstance(n.get("day"), int)]
    collapsed = len(undated) > UNDATED_COLLAPSE_ABOVE and any(isinstance(n.get("day"), int) for n in nodes)
    if collapsed:
        group: dict[str, Any] = {
            "id": UNDATED_GROUP, "label": f"Chưa rõ ngày: {len(undated)} văn bản\n(bấm để mở)", "shape": "box", "kind": "undated",
            "color": "#d5d8dc", "font": {"size": 14, "face": "DejaVu Sans, Arial, sans-serif"}, "search": "",
            "tooltip": [["Văn bản chưa rõ ngày", f"{len(undated)}: bấm để hiện (click to show them)"]],
        }
        undated_x = next((x for x, label in ticks if label == UNDATED_LABEL), None)
        if undated_x is not None:
            group.update(x=undated_x, y=0, physics=False)
        nodes.append(group)
    js, css = _vis_assets()
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    used_categories = {d.get("category", "unknown") for _, d in graph.nodes(data=True)}
    used_kinds = {d.get("node_kind", "document") for _, d in graph.nodes(data=True)}
    used_edges = {d.get("type") for _, _, d in graph.edges(data=True)}
    days = sorted({n["day"] for n in nodes if isinstance(n.get("day"), int)})
    return environment.get_template("map.html").render(
        title=title,
        messages=messages or [],
        vis_js=js,
        vis_css=css,
        data_json=_script_json({
            "nodes": nodes, "edges": edges, "options": json.loads(options), "ticks": ticks, "layout": layout, "days": days,
            "layersOff": len(nodes) > LAYERS_OFF_ABOVE, "undatedCollapsed": collapsed, "cards": cards or {},
        }),
        layers=[(kind, label) for kind, label in CONTEXT_LAYERS if kind in used_kinds],
        layers_off=len(nodes) > LAYERS_OFF_ABOVE,
        has_doubtful=any(d.get("confidence") == "doubtful" for _, d in graph.nodes(data=True)),
        has_cards=bool(cards),
        undated_group=UNDATED_GROUP,
        categories=[(colour, label) for key, (colour, label) in CATEGORIES.items() if key in used_categories],
        shapes=[(shape, label) for key, (shape, label) in SHAPES.items() if key in used_kinds],
        edge_styles=[(t.colour, t.style == "dashed", cites_name() if key == "CITES" else t.name) for key, t in terms("edge").items() if key in used_edges],
        has_days=bool(days),
        node_count=len(nodes),
        edge_count=len(edges),
    )


def write_map(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str], **options: Any) -> None:
    """Write the map (``options`` as :func:`generate_map` takes them)."""
    html = generate_map(graph, **options)
    if hasattr(path_or_file, "write"):
        path_or_file.write(html)  # type: ignore[union-attr]
    else:
        Path(path_or_file).write_text(html, encoding="utf-8")


def generate_notebook_html(graph: nx.MultiDiGraph, **options: Any) -> str:
    """The map for a notebook cell: an iframe whose ``srcdoc`` holds the whole page, escaped."""
    from html import escape

    page = generate_map(graph, **options)
    return f'<iframe srcdoc="{escape(page, quote=True)}" style="width:100%;height:720px;border:0"></iframe>'


def notebook_map(graph: nx.MultiDiGraph, **options: Any) -> Any:
    """The map for Jupyter, displayed inline."""
    from IPython.display import HTML

    return HTML(generate_notebook_html(graph, **options))
