"""The network map in a real headless Chromium: the time slider, colour by date, the axis that stays
on screen, the legend; and the flow layout's rules (undated column, breaks, labels apart)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphbuild.build import build
from graphbuild.selection import Selection, select
from graphbuild.stores.base import GraphStore
from tests.browser import open_page
from tests.conftest import SEEDS
from viz.graph_layout import BREAK_LABEL, GAP_DAYS, UNDATED_LABEL, TimeAxis, flow_positions, label_width
from viz.maps import generate_map

READY = "window.lexgraph && window.lexgraph.ready"


@pytest.fixture
def seed_graph(embedded_store: GraphStore, tmp_path: Path) -> nx.MultiDiGraph:
    build(embedded_store, [SEEDS], home=tmp_path / "lock")
    graph, _ = select(embedded_store, Selection())
    return graph


def expected_visible(graph: nx.MultiDiGraph, until: int, undated: bool = True) -> set[str]:
    shown = {
        str(n) for n, d in graph.nodes(data=True)
        if d.get("node_kind") == "document" and ((d["day"] <= until) if isinstance(d.get("day"), int) else undated)
    }
    for node, data in graph.nodes(data=True):
        if data.get("node_kind") != "document" and any(str(m) in shown for m in nx.all_neighbors(graph, node)):
            shown.add(str(node))
    return shown


def test_time_slider_colour_by_date_and_legend(browser: Any, seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "flow.html"
    path.write_text(generate_map(seed_graph, layout="flow", title="Bản đồ"), encoding="utf-8")
    page, seen = open_page(browser, path, READY, width=1440, height=900)
    assert set(page.evaluate("window.lexgraph.nodeView.getIds()")) == {str(n) for n in seed_graph.nodes}
    days = sorted({d["day"] for _, d in seed_graph.nodes(data=True) if isinstance(d.get("day"), int) and d.get("node_kind") == "document"})
    middle = days[len(days) // 2]
    # the analyst drags the slider
    page.evaluate(f"(() => {{ const s = document.getElementById('until'); s.value = '{middle}'; s.dispatchEvent(new Event('input')); }})()")
    shown = set(page.evaluate("window.lexgraph.nodeView.getIds()"))
    assert shown == expected_visible(seed_graph, middle) and len(shown) < seed_graph.number_of_nodes()
    edges = page.evaluate("window.lexgraph.edgeView.get().map(e => [e.from, e.to])")
    assert all(a in shown and b in shown for a, b in edges)
    assert page.inner_text("#until-label").startswith(page.evaluate(f"window.lexgraph.vnDate({middle})"))
    # undated documents have their own switch
    page.uncheck("#show-undated")
    assert set(page.evaluate("window.lexgraph.nodeView.getIds()")) == expected_visible(seed_graph, middle, undated=False)
    page.check("#show-undated")
    # play runs the slider from the first day to the last
    page.click("#play")
    page.wait_for_function(f"window.lexgraph.nodeView.length === {seed_graph.number_of_nodes()} && document.getElementById('play').textContent.indexOf('Phát') >= 0", timeout=30_000)
    # colour by date of issue: the earliest document darkest, undated grey
    page.select_option("#colour-by", "date")
    first = next(str(n) for n, d in seed_graph.nodes(data=True) if d.get("day") == days[0] and d.get("node_kind") == "document")
    undated = next(str(n) for n, d in seed_graph.nodes(data=True) if d.get("node_kind") == "document" and not isinstance(d.get("day"), int))
    assert page.evaluate(f"window.lexgraph.nodes.get({first!r}).color") == "rgb(68,1,84)"
    assert page.evaluate(f"window.lexgraph.nodes.get({undated!r}).color") == "#bdc3c7"
    assert page.is_visible("#date-legend")
    # the legend names every edge style in Vietnamese
    legend = page.inner_text("#legend")
    for words in ("trích dẫn (thực hiện, căn cứ, theo", "ban hành bởi", "thuộc tỉnh", "ký"):
        assert words in legend
    # the axis stays at the top of the view when zoomed
    page.evaluate("window.lexgraph.network.moveTo({scale: 2.5})")
    page.wait_for_timeout(200)
    inked = page.evaluate(
        "(() => { const c = document.getElementById('axis'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 150) n++; } return n; })()"
    )
    assert inked > 50
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()


def test_flow_layout_undated_column_breaks_and_labels_apart(seed_graph: nx.MultiDiGraph) -> None:
    positions, ticks = flow_positions(seed_graph)
    labels = [label for _, label in ticks]
    assert UNDATED_LABEL in labels and BREAK_LABEL in labels, "the seeds cite a law of 2007 and undated documents"
    undated_x = next(x for x, label in ticks if label == UNDATED_LABEL)
    for node, data in seed_graph.nodes(data=True):
        if data.get("node_kind") == "document":
            if isinstance(data.get("day"), int):
                assert positions[node][0] > undated_x
            else:
                assert positions[node][0] == undated_x
    for a, b in itertools.combinations(seed_graph.nodes, 2):
        (xa, ya), (xb, yb) = positions[a], positions[b]
        if ya == yb:
            gap = abs(xa - xb)
            assert gap >= (label_width(seed_graph.nodes[a]) + label_width(seed_graph.nodes[b])) / 2 - 1e-6, (a, b)


def test_time_axis_shortens_long_gaps_only() -> None:
    axis = TimeAxis([100, 110, 1000, 1010])
    assert axis.x(110) - axis.x(100) == pytest.approx(10 * axis.pixels_per_day)
    assert axis.x(1000) - axis.x(110) == pytest.approx(GAP_DAYS * axis.pixels_per_day)
    assert axis.x(105) == pytest.approx((axis.x(100) + axis.x(110)) / 2)
    assert len(axis.breaks) == 1
