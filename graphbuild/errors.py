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

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        # Built from three parts, not the message: without this, an error raised in an extraction
        # worker cannot be unpickled in the parent and the whole folder's pool breaks.
        return type(self), (self.path, self.problem, self.fix)


class EmptyFile(UnreadableFile):
    pass


class MissingTool(UnreadableFile):
    """A program needed to read this kind of file (LibreOffice, Tesseract, poppler) is not installed."""


class OcrFailed(UnreadableFile):
    """OCR ran on a scan but read no usable text from it."""


class ScanSkipped(UnreadableFile):
    """A scan that would need OCR, read with OCR turned off (``--no-ocr``)."""


class BinaryFile(UnreadableFile):
    pass


class UnsupportedFormat(UnreadableFile):
    pass


class NotADocument(UnsupportedFormat):
    """A data file beside the documents (``.json``, ``.csv`` …): listed as skipped, not as a failure."""


class RecordsError(LexgraphError):
    """A records folder or shard (``lexgraph extract --records``) that cannot be used."""


class UnusableShard(RecordsError):
    """A records shard that cannot be read back: where it is, and what is wrong with it."""

    FIX = "Trích xuất lại (extract again): `lexgraph extract FOLDER --records DIR`."

    def __init__(self, location: str, problem: str) -> None:
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}. {self.FIX}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.location, self.problem)


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
