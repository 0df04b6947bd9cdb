"""Web pages (``.html``): the page's text, block elements on lines of their own, scripts and styles dropped.

Pages saved from the web carry more than the document: a crawler's page title, the Official
Gazette's page headers, e-signature stamps, watermarks. Those are recognised when the text is
normalised (:mod:`graphbuild.normalise`), for web text saved as ``.txt`` just the same.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from graphbuild.reading.plain import decode_text
from graphbuild.reading.source import ReadOptions, SourceText

BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "header", "footer", "td", "th"}
SKIPPED = {"script", "style", "noscript", "template", "head", "svg"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n" if tag not in {"td", "th"} else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split()) if "\n" in data else data)


def read_html(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    text, encoding, warnings = decode_text(raw, name)
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n", f"html+{encoding}", warnings


def read(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """A web page saved as ``.html``."""
    source.text, source.encoding, source.warnings = read_html(raw, str(path))
    source.method = "html"
