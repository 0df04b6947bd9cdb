"""JSON-LD with the European Legislation Identifier ontology: each document an ``eli:LegalResource``
with its number, type, date, issuer and title, and each citation as the ELI property its relation
maps to (``eli:based_on`` for a legal basis, ``eli:amends``, ``eli:repeals``, ``eli:cites`` …: the
table is ``graphbuild/data/vocabulary.csv``). lexgraph's own finer terms (the relation as the
documents word it, the relation detail, the province) are kept under the ``lexgraph:`` prefix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import networkx as nx

from graphbuild.exports.flat import write_text
from graphbuild.vocabulary import terms

CONTEXT = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "lexgraph": "urn:lexgraph:vocab:",
    "eli:date_document": {"@type": "xsd:date"},
}


def document_iri(uid: str) -> str:
    """``urn:lexgraph:document:<uid>``, the uid percent-encoded."""
    return "urn:lexgraph:document:" + quote(str(uid), safe="")


def eli_term(relation: str | None, detail: str | None) -> str:
    """The ELI property of a citation: its detail's where the detail names one, else its relation's."""
    for group, key in (("relation_detail", detail), ("relation", relation)):
        term = terms(group).get(key or "")
        if term is not None and term.eli:
            return term.eli
    return "eli:cites"


def generate_jsonld(graph: nx.MultiDiGraph) -> str:
    resources: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("node_kind", "document") != "document" or data.get("status") == "summary":
            continue
        resource: dict[str, Any] = {"@id": document_iri(node), "@type": "eli:LegalResource"}
        for key, value in (
            ("eli:id_local", data.get("symbol") or data.get("canonical")), ("eli:type_document", data.get("type")),
            ("eli:date_document", data.get("date")), ("eli:passed_by", data.get("issuer")), ("eli:title", data.get("subject")),
            ("lexgraph:province", data.get("province")), ("lexgraph:level", data.get("level")), ("lexgraph:status", data.get("status")),
            # how each fact was found ("reviewed: <note>" where an analyst corrected it) and how far to trust it
            ("lexgraph:date_basis", data.get("date_basis")), ("lexgraph:province_basis", data.get("province_basis")),
            ("lexgraph:issuer_basis", data.get("issuer_basis")), ("lexgraph:type_basis", data.get("type_basis")),
            ("lexgraph:confidence", data.get("confidence")),
        ):
            if value not in (None, ""):
                resource[key] = value
        resources[node] = resource
    for start, end, data in graph.edges(data=True):
        if data.get("type") != "CITES" or start not in resources or end not in resources:
            continue
        relation, detail = data.get("relation"), data.get("relation_detail")
        resources[start].setdefault(eli_term(relation, detail), []).append({"@id": document_iri(end)})
        citation = {"lexgraph:cited": {"@id": document_iri(end)}, "lexgraph:relation": relation}
        if detail:
            citation["lexgraph:relation_detail"] = detail
        if data.get("relation_cue"):
            citation["lexgraph:relation_cue"] = data["relation_cue"]
        for key in ("confidence", "reviewed"):
            if data.get(key) is not None:
                citation[f"lexgraph:{key}"] = data[key]
        resources[start].setdefault("lexgraph:citation", []).append(citation)
    return json.dumps({"@context": CONTEXT, "@graph": list(resources.values())}, ensure_ascii=False, indent=1)


def write_jsonld(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    write_text(generate_jsonld(graph), path_or_file)
