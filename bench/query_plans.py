"""Each library question's plan on a built store (not run): where it reads every node of a label.

    python -m bench.query_plans [--home DIR | --neo4j-uri URI] [--all]

Prints, per question, the operators that scan all nodes or all nodes of a label (FalkorDB's
``All Node Scan`` / ``Node By Label Scan``, Neo4j's ``AllNodesScan`` / ``NodeByLabelScan``); with
``--all``, the whole plan. A question that must look at every notice (a timeline, every signer)
scans by design; one that asks about one document or one province should start from an index.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.bench_scale import question_params
from graphbuild.querylib import bind, library
from graphbuild.stores import open_store
from graphbuild.stores.base import FULL_SCANS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", default=".lexgraph")
    parser.add_argument("--neo4j-uri", default=None)
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    store = open_store(neo4j_uri=args.neo4j_uri, neo4j_user="neo4j", neo4j_password="") if args.neo4j_uri else open_store(home=Path(args.home))
    try:
        for name, question in library().items():
            steps = store.plan(question.cypher, bind(question, question_params(question)))
            scans = [step.strip() for step in steps if step.strip().split(" |")[0] in FULL_SCANS]
            print(f"{name}: {len(scans)} full scan(s)" + "".join(f"\n    {s}" for s in scans))
            if args.all:
                print("\n".join(f"      {step}" for step in steps))
    finally:
        store.close()


if __name__ == "__main__":
    main()
