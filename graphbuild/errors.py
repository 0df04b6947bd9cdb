"""Named errors. Each message says what went wrong, where, and how to fix it.

Only the CLI turns these into ``Error: …`` and an exit code.
"""

from __future__ import annotations


class LexgraphError(Exception):
    """Base class of every error lexgraph raises on purpose."""


class UnreadableFile(LexgraphError):
    """A file could not be read as a notice; one bad file never stops a folder."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path}: {problem}. {fix}")


class EmptyFile(UnreadableFile):
    pass


class BinaryFile(UnreadableFile):
    pass


class ScannedPdf(UnreadableFile):
    pass


class UnsupportedFormat(UnreadableFile):
    pass


class StoreError(LexgraphError):
    """The graph store failed or could not be reached."""


class StoreUnavailable(StoreError):
    pass


class BuildLocked(StoreError):
    pass


class QueryError(LexgraphError):
    """A query could not run: bad Cypher, bad parameters, write refused."""


class UnknownQuery(QueryError):
    pass


class ParameterError(QueryError):
    pass


class WriteRefused(QueryError):
    pass


class EmptyGraph(QueryError):
    pass


class SelectionError(LexgraphError):
    """A subgraph selection (for maps and exports) names something not in the graph."""
