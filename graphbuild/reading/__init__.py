"""Reading files into text, one module per kind of source.

- :mod:`~graphbuild.reading.plain`: ``.txt``/``.md`` (UTF-8, UTF-16, Windows-1258, legacy fonts)
- :mod:`~graphbuild.reading.word`: ``.docx`` (paragraphs, tables, headers, footers); ``.doc``,
  ``.odt``, ``.rtf`` through LibreOffice
- :mod:`~graphbuild.reading.pdf`: PDF text layers, with the page's layout recovered; pages
  without a usable text layer go to OCR
- :mod:`~graphbuild.reading.ocr`: scans and images through Tesseract's Vietnamese model
- :mod:`~graphbuild.reading.web`: ``.html`` pages
- :mod:`~graphbuild.reading.layout`: the head's and foot's columns put in reading order (shared
  by PDF text layers and OCR)

One public verb, :func:`read_document`, which gives a file to its reader by suffix
(:mod:`~graphbuild.reading.readers`, every reader with one signature); :func:`find_documents` walks folders.
"""

from graphbuild.reading.plain import decode_text
from graphbuild.reading.readers import READERS, SUFFIXES, file_hash, find_documents, find_entries, not_a_file, read_document
from graphbuild.reading.source import ReadOptions, SourceText

__all__ = ["READERS", "SUFFIXES", "ReadOptions", "SourceText", "decode_text", "file_hash", "find_documents", "find_entries", "not_a_file", "read_document"]
