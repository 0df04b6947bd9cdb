"""Ready-to-interact time of the network map in headless Chromium at 2k, 10k and 50k notices.

For each size: the map as `lexgraph map` draws it by default (over ``--limit`` 1500 nodes, each
province's notices become one node: the bipartite view of provinces and the documents they
cite) and with every notice drawn (``--limit`` raised), in both layouts. "Ready" is when the
page says it can be used (``window.lexgraph.ready``: drawn, stabilised, fitted). Three runs
each; the median is printed.

    python -m bench.bench_maps --notices 2000 10000 50000 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphbuild.selection import DEFAULT_LIMIT, level_category, summarise
from graphbuild.tables import provinces
from viz.maps import generate_map

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def synthetic_graph(notices: int, seed: int = 1) -> nx.MultiDiGraph:
    """A citation graph shaped like the corpus: ~2.5 citations per notice to a pool of central documents, 63 provinces."""
    rng = random.Random(seed)
    names = [p.name for p in provinces()]
    graph = nx.MultiDiGraph()
    central = max(20, min(400, notices // 25))
    for i in range(central):
        kind = "party" if i % 4 == 0 else "state"
        graph.add_node(f"c{i}", node_kind="document", label=f"{i}/NQ-CP", category=level_category("central", kind), level="central", status="cited",
                       day=737800 + rng.randrange(0, 300), cited_by=0, subject="Nghị quyết về phòng, chống dịch Covid-19")
    for i in range(notices):
        level = "district" if i % 5 == 0 else "provincial"
        graph.add_node(f"n{i}", node_kind="document", label=f"{i}-TB/TU", category=level, level=level, status="corpus",
                       day=737900 + rng.randrange(0, 300), province=rng.choice(names), cited_by=0)
        for target in rng.sample(range(central), k=min(central, rng.randint(1, 4))):
            graph.add_edge(f"n{i}", f"c{target}", key="CITES", type="CITES", relation="implements", mentions=rng.randint(1, 3), sentence="Thực hiện Nghị quyết …")
            graph.nodes[f"c{target}"]["cited_by"] += 1
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, nargs="+", default=[2000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full-up-to", type=int, default=10000, help="Draw every notice only up to this size (50k nodes take minutes).")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for count in args.notices:
            whole = synthetic_graph(count)
            views = [("summarised", summarise(whole, DEFAULT_LIMIT)[0])]
            if count <= args.full_up_to:
                views.append(("every notice", whole))
            for view, graph in views:
                for layout in ("force", "flow"):
                    started = time.perf_counter()
                    html = generate_map(graph, layout=layout, title=f"{count} notices")
                    made = time.perf_counter() - started
                    path = Path(folder) / f"map-{count}-{layout}.html"
                    path.write_text(html, encoding="utf-8")
                    times = []
                    for _ in range(args.runs):
                        page = browser.new_page(viewport={"width": 1440, "height": 900})
                        started = time.perf_counter()
                        page.goto(path.as_uri())
                        page.wait_for_function("window.lexgraph && window.lexgraph.ready", timeout=600_000, polling=50)
                        times.append(time.perf_counter() - started)
                        page.close()
                    print(f"{count:6d} notices, {view:12s} ({graph.number_of_nodes():6d} nodes, {graph.number_of_edges():6d} edges), {layout:5s}: "
                          f"made in {made:.2f} s, {path.stat().st_size / 1e6:.1f} MB, ready in Chromium: median {statistics.median(times):.2f} s "
                          f"(runs {', '.join(f'{t:.2f}' for t in times)})", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
