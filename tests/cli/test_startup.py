"""A question from the command line imports what it needs and nothing else: not the extraction
stack, not the store's full client (redis 8 imports its asyncio client, ~80 ms, before anything
else). Time itself is measured by benchmarks, not here; this holds the imports that set it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graphbuild.build import build
from graphbuild.stores import open_store
from tests.conftest import SEEDS

PROBE = """
import json, sys
from graphbuild.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("redis", "falkordb", "asyncio") or m.startswith(("graphbuild.extract", "graphbuild.reading")))
print(json.dumps(heavy), file=sys.stderr)
"""


def _imports(*arguments: str) -> tuple[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, timeout=120)
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_a_question_loads_neither_the_extractors_nor_the_full_client(embedded_home: Path, tmp_path: Path) -> None:
    store = open_store(home=embedded_home)
    store.clear()
    build(store, [SEEDS], home=tmp_path / "lock")
    store.close()
    answer, heavy = _imports("query", "issuers", "--home", str(embedded_home), "--format", "json")
    assert json.loads(answer), "the question answered"
    assert heavy == []
    version, heavy = _imports("--version")
    assert "version" in version and heavy == []
    # an answer holding nodes is read by the full client, as before
    nodes, heavy = _imports("cypher", "MATCH (p:Province) RETURN p LIMIT 1", "--home", str(embedded_home), "--format", "json")
    assert json.loads(nodes)[0]["p"]["_labels"] == ["Province"] and "falkordb" in heavy


def test_parameters_over_the_light_connection_are_data(embedded_home: Path) -> None:
    """Every value comes back as it was sent: quotes, backslashes, backticks, braces, newlines,
    unicode line separators, lists and maps of them (the CYPHER header is written, never run)."""
    import random

    store = open_store(home=embedded_home)
    rng = random.Random(5)
    alphabet = "ab\"'\\`{}[]$;/*\n\u2028\u00a0ỦđĐ😀) RETURN 1 //"
    try:
        for _ in range(300):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
            for value in (text, [text, text[::-1]], {"k": text, "n": [1, 2.5, None, True]}):
                assert store.read("RETURN $x AS x", {"x": value}) == [{"x": value}]
    finally:
        store.close()
