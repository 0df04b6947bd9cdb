"""Maps in a real headless Chromium, and exports that read back the same graph."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.exports.cypher_script import generate_cypher, statements
from graphbuild.exports.gexf import RESERVED_EDGE, generate_gexf
from graphbuild.exports.graphml import generate_graphml
from graphbuild.exports.json_graph import generate_json, read_json
from graphbuild.exports.markdown import generate_markdown
from graphbuild.selection import Selection, select
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from tests.browser import open_page
from tests.conftest import SEEDS
from viz.maps import generate_map
from viz.network_picture import generate_picture

XSS = ["<script>window.__pwned = 1; alert('x')</script>", "<img src=x onerror=\"window.__pwned = 2; alert('y')\">", '<a href="javascript:alert(1)">link</a>']


def open_map(browser: Any, path: Path) -> tuple[Any, dict[str, list[str]]]:
    """Load a map with every network request refused; return the page and what happened."""
    return open_page(browser, path, "window.lexgraph && window.lexgraph.ready")


def hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "xss.txt").write_text(
        f"Số 99-TB/TU\n\nCà Mau, ngày 10 tháng 10 năm 2021\n\nTHÔNG BÁO\nvề việc {XSS[0]} {XSS[1]}\n\n"
        f"Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ {XSS[1]} {XSS[2]}, các cấp triển khai.\n\n"
        f"T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def hostile_graph(embedded_store: GraphStore, tmp_path: Path) -> GraphStore:
    build(embedded_store, [hostile_corpus(tmp_path / "data")], home=tmp_path / "lock")
    return embedded_store


@pytest.mark.parametrize("layout", ["force", "flow"])
def test_map_loads_offline_and_holds_the_graph(browser: Any, hostile_graph: GraphStore, tmp_path: Path, layout: str) -> None:
    graph, _ = select(hostile_graph, Selection())
    path = tmp_path / f"{layout}.html"
    path.write_text(generate_map(graph, layout=layout, title=f"Bản đồ {XSS[0]}"), encoding="utf-8")
    page, seen = open_map(browser, path)
    counts = page.evaluate("[window.lexgraph.nodes.length, window.lexgraph.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert seen["requests"] == [] and seen["errors"] == []
    # the hostile text is shown as text, never run
    assert seen["dialogs"] == [] and page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert XSS[0] in page.inner_text("h1")
    hostile = page.evaluate("window.lexgraph.nodes.get().filter(n => (n.search || '').indexOf('99-TB/TU') >= 0).map(n => n.title.textContent)")
    assert hostile and "<script>" in hostile[0]
    page.evaluate("window.lexgraph.network.selectNodes([window.lexgraph.nodes.getIds()[0]])")
    assert page.evaluate("document.querySelectorAll('img').length") == 0 and not seen["dialogs"]
    # the search box finds a document by symbol, in any spelling
    page.evaluate("window.lexgraph.find('128/NQ-CP')")
    assert page.inner_text("#found").startswith("1 ")
    screenshot = tmp_path / f"{layout}.png"
    page.screenshot(path=str(screenshot))
    assert _not_blank(screenshot)
    page.context.close()


def _not_blank(png: Path) -> bool:
    import matplotlib.image as image

    pixels = image.imread(str(png))
    return float(pixels[..., :3].std()) > 0.02 and float((pixels[..., :3] < 0.6).mean()) > 0.001


def test_large_selections_are_summarised_and_say_so(hostile_graph: GraphStore) -> None:
    graph, messages = select(hostile_graph, Selection(limit=10))
    assert graph.number_of_nodes() <= 10
    assert any("over the limit of 10" in m for m in messages)
    summaries = [d for _, d in graph.nodes(data=True) if d.get("status") == "summary"]
    assert summaries and all(d["label"].endswith(f"{d['notices']} văn bản") for d in summaries)


def test_selections(hostile_graph: GraphStore) -> None:
    around, _ = select(hostile_graph, Selection(doc="16-CT/TTg", depth=1, direction="in", context=False))
    assert sorted(d["label"] for _, d in around.nodes(data=True)) == ["16/CT-TTg", "Thông báo · Cà Mau · 2021-09-01"]
    province, _ = select(hostile_graph, Selection(province="Điện Biên", context=False))
    assert {d["label"] for _, d in province.nodes(data=True)} >= {"274-TB/TU", "105-TB/TU"}
    period, _ = select(hostile_graph, Selection(date_from="2021-11-01", context=False))
    assert {d.get("province") for _, d in period.nodes(data=True) if d.get("status") == "corpus"} == {"Bắc Giang", "Đồng Tháp"}
    by_query, _ = select(hostile_graph, Selection(query="citing-notices", params={"symbol": "128/NQ-CP"}, context=False))
    assert by_query.number_of_nodes() == 4 and by_query.number_of_edges() == 3
    by_cypher, _ = select(hostile_graph, Selection(cypher="MATCH (d:Document {canonical: '4800/QĐ-BYT'}) RETURN d", context=False))
    assert [d["label"] for _, d in by_cypher.nodes(data=True)] == ["4800/QĐ-BYT"]


@pytest.fixture
def seed_graph(embedded_store: GraphStore, tmp_path: Path) -> nx.MultiDiGraph:
    build(embedded_store, [SEEDS], home=tmp_path / "lock")
    graph, _ = select(embedded_store, Selection())
    return graph


def _same(graph: nx.MultiDiGraph, back: nx.MultiDiGraph, *, renamed: dict[str, str] | None = None) -> None:
    from graphbuild.exports.flat import flat_value

    assert set(back.nodes) == set(graph.nodes)
    assert sorted((a, b) for a, b, _ in back.edges(keys=True)) == sorted((a, b) for a, b, _ in graph.edges(keys=True))
    for node, data in graph.nodes(data=True):
        expected = {k: flat_value(v) for k, v in data.items() if v is not None}
        assert back.nodes[node] == expected, node
    for start, end, key, data in graph.edges(keys=True, data=True):
        expected = {(renamed or {}).get(k, k): flat_value(v) for k, v in data.items() if v is not None}
        found = [d for d in back.get_edge_data(start, end).values() if all(d.get(k) == v for k, v in expected.items())]
        assert found, (start, end, key)


def test_graphml_round_trip(seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text("\n".join(generate_graphml(seed_graph)), encoding="utf-8")
    _same(seed_graph, nx.read_graphml(path, force_multigraph=True))


def test_gexf_round_trip(seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    path.write_text("\n".join(generate_gexf(seed_graph)), encoding="utf-8")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(seed_graph.nodes)
    assert back.number_of_edges() == seed_graph.number_of_edges()
    for node, data in seed_graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node].get("province") == data.get("province")
        assert back.nodes[node].get("date") == data.get("date")
    relationships = sorted(d[RESERVED_EDGE["type"]] for _, _, d in back.edges(data=True))
    assert relationships == sorted(d["type"] for _, _, d in seed_graph.edges(data=True))


def test_gexf_carries_dates_for_gephis_timeline(seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ElementTree

    text = "\n".join(generate_gexf(seed_graph))
    root = ElementTree.fromstring(text.encode("utf-8"))
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph_element = root.find("g:graph", ns)
    assert graph_element is not None and graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    starts = {n.get("id"): n.get("start") for n in root.iter(f"{{{ns['g']}}}node")}
    for node, data in seed_graph.nodes(data=True):
        if data.get("node_kind") == "document":
            assert starts[str(node)] == (data.get("date") or data.get("meeting_date")), node
    for edge in root.iter(f"{{{ns['g']}}}edge"):
        source = seed_graph.nodes[edge.get("source")]
        if source.get("node_kind") == "document" and (source.get("date") or source.get("meeting_date")):
            assert edge.get("start") == (source.get("date") or source.get("meeting_date"))
    dated_context = [n for n, d in seed_graph.nodes(data=True) if d.get("node_kind") == "province" and starts.get(str(n))]
    assert dated_context, "a province appears with its first dated notice"


def test_json_round_trip(seed_graph: nx.MultiDiGraph) -> None:
    back = read_json(generate_json(seed_graph))
    assert dict(back.nodes(data=True)) == dict(seed_graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(seed_graph.edges(keys=True, data=True), key=repr)


def test_jsonld_names_each_citation_as_eli_does(seed_graph: nx.MultiDiGraph) -> None:
    import json

    from graphbuild.exports.jsonld import document_iri, eli_term, generate_jsonld

    data = json.loads(generate_jsonld(seed_graph))
    assert data["@context"]["eli"] == "http://data.europa.eu/eli/ontology#"
    by_id = {r["@id"]: r for r in data["@graph"]}
    cites = [(a, b, d) for a, b, d in seed_graph.edges(data=True) if d.get("type") == "CITES"]
    assert len(cites) == 11  # the five seed notices' citations
    for start, end, edge in cites:
        resource = by_id[document_iri(start)]
        assert {"@id": document_iri(end)} in resource[eli_term(edge["relation"], edge.get("relation_detail"))]
        assert {"lexgraph:cited": {"@id": document_iri(end)}, "lexgraph:relation": edge["relation"]}.items() <= {
            k: v for c in resource["lexgraph:citation"] if c["lexgraph:cited"]["@id"] == document_iri(end) for k, v in c.items()
        }.items()
    cited = by_id[document_iri("128/NQ-CP@2021")]
    assert (cited["eli:id_local"], cited["eli:date_document"], cited["eli:type_document"]) == ("128/NQ-CP", "2021-10-11", "Nghị quyết")
    terms_used = {k for r in data["@graph"] for k in r if k.startswith("eli:") and isinstance(r[k], list)}
    assert {"eli:cites", "eli:ensures_implementation_of"} <= terms_used  # mentions and implementations, as ELI names them


def test_exports_carry_each_citations_relation_detail_and_cue(seed_graph: nx.MultiDiGraph) -> None:
    cites = [d for _, _, d in seed_graph.edges(data=True) if d.get("type") == "CITES"]
    assert all(d.get("relation_detail") for d in cites) and any(d.get("relation_cue") == "Thực hiện" for d in cites)
    graphml = "\n".join(generate_graphml(seed_graph))
    assert 'attr.name="relation_detail"' in graphml and 'attr.name="relation_cue"' in graphml and "trien_khai_thuc_hien" in graphml
    assert "relation_detail" in "\n".join(generate_gexf(seed_graph))


def test_csv_keeps_diacritics(seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    from graphbuild.exports.csv_tables import write_csv

    write_csv(seed_graph, tmp_path / "tables")
    raw = (tmp_path / "tables" / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "tables" / "nodes.csv").open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "tables" / "edges.csv").open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == seed_graph.number_of_nodes() and len(edges) == seed_graph.number_of_edges()
    labels = {row["label"] for row in nodes}
    assert {"Điện Biên", "Ban Thường vụ Tỉnh ủy", "Thông báo · Đồng Tháp · 2021-11-04"} <= labels
    assert {"source", "target", "key", "relation", "sentence"} <= set(edges[0]) | {k for row in edges for k in row}


def test_cypher_script_recreates_the_subgraph(seed_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    script = tmp_path / "graph.cypher"
    script.write_text("\n".join(generate_cypher(seed_graph)), encoding="utf-8")
    home = tmp_path / "fresh"
    try:
        result = CliRunner().invoke(main, ["cypher", "--file", str(script), "--write", "--home", str(home)])
        assert result.exit_code == 0, result.output
        fresh = open_store(home=home)
        nodes = fresh.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
        edges = fresh.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        assert (nodes, edges) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
        (conflict,) = fresh.read("MATCH (:Document)-[c:CITES]->(d:Document) WHERE c.issuer_conflict RETURN d.canonical AS d, c.sentence AS s")
        assert conflict["d"] == "68/NQ-CP" and "Thủ tướng Chính phủ" in conflict["s"]
        fresh.close()
    finally:
        from graphbuild.stores import falkor_server as embedded

        embedded.stop(home)
    # constraints first, then a few batched statements (not one per node or relationship)
    texts = statements(script.read_text(encoding="utf-8"))
    assert texts[0].startswith("CREATE CONSTRAINT") and all(t.startswith(("CREATE CONSTRAINT", "UNWIND [")) for t in texts)
    assert len(texts) < 20 < seed_graph.number_of_nodes() + seed_graph.number_of_edges()


def test_markdown_report(seed_graph: nx.MultiDiGraph) -> None:
    report = generate_markdown(seed_graph)
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 11
    assert "| Bắc Giang | 2021-11-03 | Thông báo · Bắc Giang · 2021-11-03 | Ban Thường vụ Tỉnh ủy | 128/NQ-CP | implements | 23 |" in report
    assert all(row.count(" | ") == 8 for row in rows), "nine columns, the last: what an analyst reviewed"


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_pictures(seed_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    picture = generate_picture(seed_graph, fmt=fmt, title="Điện Biên, Đồng Tháp")
    if fmt == "png":
        path = tmp_path / "flow.png"
        path.write_bytes(picture)
        assert picture.startswith(b"\x89PNG") and _not_blank(path)
    else:
        text = picture.decode("utf-8")
        assert text.lstrip().startswith("<?xml") and "Điện Biên" in text and "128/NQ-CP" in text


def test_cli_map_and_export(embedded_store: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    build(embedded_store, [SEEDS], home=tmp_path / "lock")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", "--doc", "128/NQ-CP", "--depth", "2", "--layout", "flow", "--out", str(out), "--home", str(embedded_home)])
    assert result.exit_code == 0 and out.exists() and "https://cdn" not in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["map", "--doc", "999/NQ-CP", "--out", str(out), "--home", str(embedded_home)])
    assert missing.exit_code == 1 and "no document with that symbol" in missing.output
    exported = CliRunner().invoke(main, ["export", "--province", "Điện Biên", "--format", "graphml", "--out", str(tmp_path / "g.graphml"), "--home", str(embedded_home)])
    assert exported.exit_code == 0
    assert "274-TB/TU" in (tmp_path / "g.graphml").read_text(encoding="utf-8")


def test_report_text_cannot_become_markup_or_formulas() -> None:
    from graphbuild.exports.csv_tables import generate_csv_tables

    graph = nx.MultiDiGraph()
    graph.add_node("n", node_kind="document", label="=HYPERLINK(\"http://x\")", status="corpus", province="Cà Mau", day=738000)
    graph.add_node("d", node_kind="document", label="128/NQ-CP", day=737990)
    graph.add_edge("n", "d", key="CITES", type="CITES", relation="refers", sentence=XSS[0] + " | " + XSS[1])
    report = generate_markdown(graph)
    assert "<script>" not in report and "<img" not in report and "&lt;script&gt;" in report and "\\|" in report
    nodes = generate_csv_tables(graph)["nodes.csv"]
    assert "'=HYPERLINK" in nodes and "\n=HYPERLINK" not in nodes and ",=HYPERLINK" not in nodes
