"""Kill an incremental ``build --prune`` at many moments and compare what the next build leaves with a
clean build of the same files: every node, relationship and property must be the same
(:mod:`graphbuild.testing.crash` says how).

    python -m bench.probe_crash --notices 120 --points 40            # the embedded store
    python -m bench.probe_crash --notices 120 --points 40 --neo4j     # the Neo4j test server
"""

from __future__ import annotations

import argparse
import sys

from bench.common import scratch_probe
from graphbuild.output import write_rows
from graphbuild.testing.crash import probe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=120)
    parser.add_argument("--points", type=int, default=40, help="kill points spread over every write of the build")
    parser.add_argument("--last", type=int, default=0, help="also kill at each of the build's last N writes")
    parser.add_argument("--neo4j", action="store_true", help="the Neo4j test server of tests/neo4j instead of the embedded store")
    args = parser.parse_args()
    with scratch_probe("neo4j" if args.neo4j else "embedded", "lexgraph-probe-") as (store, store_args, work):
        result = probe(store, store_args, work, notices=args.notices, points=args.points, last=args.last,
                       every=lambda done, total: print(f"{done}/{total}", file=sys.stderr, flush=True))
    write_rows(result.rows(), fmt="table", out=None, title="Crash probe")
    if result.differing:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
