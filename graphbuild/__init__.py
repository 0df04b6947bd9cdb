"""lexgraph: a cross-reference knowledge graph of Vietnamese legal instruments.

>>> from graphbuild import extract
>>> [c.canonical for c in extract("Thực hiện Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ.")[0].citations]
['16/CT-TTg']
"""

from graphbuild.api import Lexgraph, connect
from graphbuild.extraction import extract, extract_path, extract_paths

__all__ = ["Lexgraph", "connect", "extract", "extract_path", "extract_paths"]
