"""JSON node-link, for d3 and Cytoscape: ``{"nodes": [...], "edges": [...]}``.

Carries every attribute as it is (lists stay lists). Node ids are strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

import networkx as nx

from graphbuild.exports.flat import write_text


def generate_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def read_json(text: str) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges="edges")


def write_json(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    write_text(generate_json(graph), path_or_file)
