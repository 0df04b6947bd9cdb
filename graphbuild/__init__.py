"""lexgraph: a cross-reference knowledge graph of Vietnamese legal instruments.

>>> from graphbuild import extract
>>> [c.canonical for c in extract("Thực hiện Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ.")[0].citations]
['16/CT-TTg']

The names below are imported when first used (PEP 562): a command that only asks a question does
not load the extraction stack, and one that only extracts does not load the store's client.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphbuild.api import Lexgraph, connect
    from graphbuild.pipeline import extract, extract_path, extract_paths

_HOMES = {"Lexgraph": "graphbuild.api", "connect": "graphbuild.api", "extract": "graphbuild.pipeline",
          "extract_path": "graphbuild.pipeline", "extract_paths": "graphbuild.pipeline"}

__all__ = ["Lexgraph", "connect", "extract", "extract_path", "extract_paths"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
