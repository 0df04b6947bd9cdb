"""The bulk path into Neo4j for a first load: build on the embedded store, export the whole graph
as the offline importer's files, run their ``import.sh`` (Neo4j's ``neo4j-admin database import
full``, from the test server's jars), start the database and run ``after-import.cypher``.

    python -m bench.bench_neo4j_import --notices 100000 [--home HOME]

``--home`` reuses an embedded home already built from the generated corpus of that size (the
build is then not timed). Prints the time of each step, the export's peak memory, and the
importer's own time and rate (nodes and relationships a second; properties a second too). That
the imported graph is the one a build through the driver makes is checked by the suite
(tests/stores/test_neo4j_native.py), not here.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_extract import corpus
from graphbuild.exports.cypher_script import statements
from graphbuild.stores import falkor_server as embedded
from graphbuild.stores import open_store
from graphbuild.testing import neo4j_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=10000)
    parser.add_argument("--home", type=Path, help="an embedded home already built from the corpus of that size")
    parser.add_argument("--heap", default="4g", help="the importer's and the server's Java heap")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lexgraph-bench-import-"))
    home = args.home or work / "embedded"
    try:
        if args.home is None:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "graphbuild.cli", "build", str(corpus(args.notices)), "--home", str(home)], check=True, capture_output=True)
            print(f"build on the embedded store: {time.perf_counter() - started:.1f} s")
        folder = work / "import"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "graphbuild.cli", "export", "--format", "neo4j-import", "--out", str(folder), "--home", str(home)], check=True)
        exported = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        megabytes = sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6
        print(f"export (whole graph, a page at a time): {exported:.1f} s, {megabytes:.0f} MB of CSV, peak {peak:.0f} MB")
        started = time.perf_counter()
        imported = neo4j_server.admin_import(folder, work / "neo4j", heap=args.heap)
        print(
            f"neo4j-admin import: {time.perf_counter() - started:.1f} s whole process, {imported.seconds:.1f} s by its own clock; "
            f"{imported.nodes:,} nodes + {imported.relationships:,} relationships = {imported.records_per_second:,.0f} a second; "
            f"{imported.properties:,} properties = {imported.properties / imported.seconds:,.0f} a second"
        )
        started = time.perf_counter()
        server = neo4j_server.start(heap=args.heap, home=work / "neo4j")
        assert server is not None, "the Neo4j test server is not built: mvn -f tests/neo4j/pom.xml package"
        opened = time.perf_counter() - started
        try:
            store = open_store(neo4j_uri=server[1])
            started = time.perf_counter()
            for statement in statements((folder / "after-import.cypher").read_text(encoding="utf-8")):
                store.write(statement)
            finished = time.perf_counter() - started
            nodes = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
            print(f"database started in {opened:.1f} s; after-import.cypher (empty lists, lexgraph's constraints and indexes): {finished:.1f} s; {nodes:,} nodes")
            store.close()
        finally:
            neo4j_server.stop(server[0])
    finally:
        if args.home is None:
            embedded.stop(home)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
