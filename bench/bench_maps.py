"""Time and file size to produce a map of about 2k and 10k nodes, and time for headless Chromium to render it.

    python -m bench.bench_maps --nodes 2000 10000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphbuild.selection import level_category
from viz.maps import generate_map

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def synthetic_graph(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A citation graph shaped like the corpus: ~2.5 citations per notice, a few hundred central documents."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    central = max(20, nodes // 25)
    for i in range(central):
        kind = "party" if i % 4 == 0 else "state"
        graph.add_node(f"c{i}", node_kind="document", label=f"{i}/NQ-CP", category=level_category("central", kind), level="central", day=737800 + rng.randrange(0, 300), cited_by=0, subject="Nghị quyết về phòng, chống dịch Covid-19")
    for i in range(nodes - central):
        level = "district" if i % 5 == 0 else "provincial"
        graph.add_node(f"n{i}", node_kind="document", label=f"{i}-TB/TU", category=level, level=level, status="corpus", day=737900 + rng.randrange(0, 300), province="Điện Biên", cited_by=0)
        for target in rng.sample(range(central), k=min(central, rng.randint(1, 4))):
            graph.add_edge(f"n{i}", f"c{target}", key="CITES", type="CITES", relation="implements", mentions=rng.randint(1, 3), sentence="Thực hiện Nghị quyết …")
            graph.nodes[f"c{target}"]["cited_by"] += 1
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for count in args.nodes:
            graph = synthetic_graph(count)
            for layout in ("force", "flow"):
                started = time.perf_counter()
                html = generate_map(graph, layout=layout, title=f"{count} nodes")
                made = time.perf_counter() - started
                path = Path(folder) / f"map-{count}-{layout}.html"
                path.write_text(html, encoding="utf-8")
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.lexgraph && window.lexgraph.ready", timeout=300_000, polling=100)
                rendered = time.perf_counter() - started
                page.close()
                print(f"{count:6d} nodes, {graph.number_of_edges():6d} edges, {layout:5s}: made in {made:.2f} s, "
                      f"{path.stat().st_size / 1e6:.1f} MB, ready in Chromium in {rendered:.1f} s")
        browser.close()


if __name__ == "__main__":
    main()
