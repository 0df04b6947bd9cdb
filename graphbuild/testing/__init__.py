"""What the tests and the benches share, and nothing lexgraph needs to run: a generated corpus with
its truth written beside it (:mod:`~graphbuild.testing.corpus`) laid out as offices produce it
(:mod:`~graphbuild.testing.render`), the Neo4j test server (:mod:`~graphbuild.testing.neo4j_server`),
and graphs compared in full and builds killed mid-way (:mod:`~graphbuild.testing.crash`).

``tests/`` and ``bench/`` import from here and never from each other.
"""
