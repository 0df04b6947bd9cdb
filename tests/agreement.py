"""What the tests that hold the two stores against each other share: parameters for every question of
the library, and row sets written one way so that they compare."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graphbuild.querylib import library

# Parameters that select something in each corpus: the examples of the headers, and more.
EXTRA = {
    "citing-notices": [{"symbol": "128/NQ-CP"}, {"symbol": "10-TB/VPTW"}],
    "adoption-lag": [{"symbol": "16/CT-TTg"}, {"symbol": "10-TB/VPTW"}],
    "policy-flow": [{"symbol": "128/NQ-CP", "depth": 3}],
    "province-profile": [{"province": "Điện Biên"}, {"province": "Hà Nội"}],
    "most-cited": [{}, {"level": "central"}],
    "co-citation": [{}, {"symbol": "128/NQ-CP"}],
    "issuers": [{}],
    "signers": [{}],
    "timeline": [{}, {"period": "week"}],
    "unresolved": [{}],
    "conflicts": [{}],
}


def question_examples() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for name, query in sorted(library().items()):
        example = {p.name: p.example for p in query.parameters if p.required}
        cases.append((name, example))
        cases.extend((name, extra) for extra in EXTRA.get(name, []))
    return cases


def canonical_rows(rows: list[dict[str, Any]]) -> Counter[str]:
    """A row set as a multiset of rows, each written one way (lists inside rows compared as written:
    their order is part of the answer)."""

    def value(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, list):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in sorted(v.items())}
        return v

    return Counter(repr({k: value(v) for k, v in sorted(row.items())}) for row in rows)
