"""Maps a person can read on real folders, in a real headless Chromium: a click on a document opens
its card inside the same offline file; above a few hundred nodes bodies, provinces and people start
as layers switched off; a long undated column starts collapsed to a count that opens; documents far
older than the corpus are gathered at the axis' start. And the selection by search, and the brief
saying which notices rest on reviewed values."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.api import Lexgraph
from graphbuild.build import build
from graphbuild.corrections import Correction, append_correction
from graphbuild.diffusion import diffusion
from graphbuild.documents import find_document
from graphbuild.selection import Selection, select
from graphbuild.stores.base import GraphStore
from tests.browser import open_page
from tests.conftest import SEEDS
from viz.graph_layout import OLDER_DAYS, UNDATED_LABEL, flow_positions, older_label
from viz.maps import LAYERS_OFF_ABOVE, UNDATED_COLLAPSE_ABOVE, UNDATED_GROUP, generate_map
from viz.pages import REVIEWED_MARK, generate_report, generate_report_markdown

READY = "window.lexgraph && window.lexgraph.ready"
HOSTILE = (
    "TỈNH ỦY HÀ GIANG\n*\nSố 120-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 20 tháng 8 năm 2021\n\n"
    "THÔNG BÁO\nvề <script>alert('x')</script><img src=x onerror=alert(1)>\n\n"
    "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ, Ban Thường vụ kết luận.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn A\n"
)


@pytest.mark.parametrize("store", ["embedded"], indirect=True)
def test_a_click_on_a_document_opens_its_card_in_the_map(store: GraphStore, browser: object, tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    shutil.copytree(SEEDS, folder)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    home = tmp_path / "home"
    build(store, [folder], home=home, corrections=tmp_path / "corrections.csv")
    out = tmp_path / "map.html"
    graph, _ = Lexgraph(store, home).write_map(out, Selection(), layout="flow")
    page, seen = open_page(browser, out, READY, width=1400, height=900)
    for uid in (find_document(store, "274-TB/TU")["uid"], find_document(store, str(folder / "hostile.txt"))["uid"]):
        page.evaluate(f"window.lexgraph.network.focus({uid!r}, {{scale: 1.5, animation: false}})")
        page.wait_for_timeout(150)
        point = page.evaluate(f"(() => {{ const p = window.lexgraph.network.getPositions([{uid!r}])[{uid!r}]; return window.lexgraph.network.canvasToDOM(p); }})()")
        box = page.locator("#map").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_function(f"window.lexgraph.cardShown === {uid!r} && !document.getElementById('card-panel').hidden")
        frame = page.frame_locator("#card-frame")
        frame.locator("#source-text").wait_for()
        assert frame.locator("h1").inner_text() == graph.nodes[uid]["label"]
        assert frame.locator("mark").count() > 0
        assert frame.locator("script, img").count() == 0
        page.click("#card-close")
    assert "<script>alert('x')</script>" in page.frame_locator("#card-frame").locator("#source-text").inner_text()
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()


def _large_graph() -> nx.MultiDiGraph:
    """Dated notices of 2021, a law of 2005, more undated documents than the column shows, and
    more bodies than a map shows at first."""
    graph = nx.MultiDiGraph()
    start = 737791  # 2021-01-01
    for i in range(6):
        graph.add_node(f"n{i}", node_kind="document", status="corpus", label=f"{i}-TB/TU", category="provincial", day=start + 30 * i, date="2021")
    graph.add_node("law", node_kind="document", status="cited", label="Luật 2005", category="central_state", day=start - 16 * 365)
    for i in range(UNDATED_COLLAPSE_ABOVE + 2):
        graph.add_node(f"u{i}", node_kind="document", status="cited", label=f"Công văn {i}", category="unknown")
        graph.add_edge("n0", f"u{i}", key="CITES", type="CITES")
    for i in range(LAYERS_OFF_ABOVE):
        graph.add_node(f"o{i}", node_kind="organization", label=f"Cơ quan {i}", category="provincial")
        graph.add_edge(f"n{i % 6}", f"o{i}", key="ISSUED_BY", type="ISSUED_BY")
    graph.add_edge("n1", "law", key="CITES", type="CITES")
    return graph


def test_documents_far_older_than_the_corpus_gather_at_the_axis_start() -> None:
    graph = _large_graph()
    positions, ticks = flow_positions(graph)
    cutoff = 737791 - OLDER_DAYS
    older_x = next(x for x, label in ticks if label == older_label(cutoff))
    undated_x = next(x for x, label in ticks if label == UNDATED_LABEL)
    assert positions["law"][0] == older_x
    assert undated_x < older_x < min(positions[f"n{i}"][0] for i in range(6))
    assert max(positions[f"n{i}"][0] for i in range(6)) - positions["n0"][0] < 6 * 30 * 8, "five months of notices, not sixteen years"


def test_large_maps_start_with_layers_off_and_the_undated_column_collapsed(browser: object, tmp_path: Path) -> None:
    graph = _large_graph()
    out = tmp_path / "map.html"
    out.write_text(generate_map(graph, layout="flow", title="lớn"), encoding="utf-8")
    page, seen = open_page(browser, out, READY)
    documents_dated = {f"n{i}" for i in range(6)} | {"law"}
    shown = set(page.evaluate("window.lexgraph.nodeView.getIds()"))
    assert shown == documents_dated | {UNDATED_GROUP}
    assert page.evaluate("Array.from(document.querySelectorAll('input.layer')).map(b => [b.value, b.checked])") == [["organization", False]]
    assert "12 văn bản" in page.evaluate(f"window.lexgraph.nodes.get({UNDATED_GROUP!r}).label")
    # the count opens the column
    point = page.evaluate(f"(() => {{ const p = window.lexgraph.network.getPositions([{UNDATED_GROUP!r}])[{UNDATED_GROUP!r}]; return window.lexgraph.network.canvasToDOM(p); }})()")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(f"window.lexgraph.nodeView.length === {len(documents_dated) + UNDATED_COLLAPSE_ABOVE + 2}")
    assert page.is_checked("#show-undated")
    # the bodies are one click away
    page.check("input.layer[value='organization']")
    page.wait_for_function(f"window.lexgraph.nodeView.length === {graph.number_of_nodes()}")
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()


def test_a_search_selects_the_notices_holding_the_words_and_what_they_cite(store: GraphStore, tmp_path: Path) -> None:
    build(store, [SEEDS], home=tmp_path / "home", corrections=tmp_path / "none.csv")
    found = {r["uid"] for r in store.search("phòng chống dịch", province=None, date_from=None, date_to=None, doc_type=None)}
    graph, _ = select(store, Selection(search="phong chong dich", context=False))
    notices = {n for n, d in graph.nodes(data=True) if d.get("status") == "corpus"}
    assert notices == found and found
    cited = {v for u in found for _, v, k in graph.out_edges(u, keys=True) if k == "CITES"}
    assert cited and cited <= set(graph.nodes)
    assert "tìm phong chong dich" in Selection(search="phong chong dich").title()


@pytest.mark.parametrize("store", ["embedded"], indirect=True)
def test_the_brief_says_which_notices_rest_on_reviewed_values(store: GraphStore, tmp_path: Path) -> None:
    home, rows = tmp_path / "home", tmp_path / "corrections.csv"
    build(store, [SEEDS], home=home, corrections=rows)
    undated = find_document(store, str(SEEDS / "001_3065f9b87e21bb45.txt"))
    append_correction(rows, Correction("001_3065f9b87e21bb45.txt", undated["content_hash"], "date", "2021-09-08", "trang 2", "test", "2026-12-05T10:00:00"))
    build(store, [SEEDS], home=home, corrections=rows)
    item = diffusion(store, "10-TB/VPTW")
    assert "1 văn bản có ngày hoặc tỉnh đã được xem lại" in item.summary()
    markdown = generate_report_markdown([item])
    assert f"{find_document(store, undated['uid'])['label']}{REVIEWED_MARK}" in markdown
    assert REVIEWED_MARK in generate_report([item])
