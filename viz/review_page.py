"""The review queue as a self-contained offline page: go through the doubtful facts, type what the
page says, and download the rows as a corrections file (no server: the browser writes the CSV).

Each row carries its file's content hash, so a correction written here applies to exactly the
file reviewed, and becomes stale (reported, not applied) if the file changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graphbuild.corrections import COLUMNS


def generate_review_page(rows: list[Any]) -> str:
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    data = [{"file": r.file, "hash": r.content_hash or "", "field": r.field, "read": r.read or ""} for r in rows]
    return environment.get_template("review.html").render(
        title="Danh sách cần xem lại (review queue)", rows=rows, columns=json.dumps(COLUMNS),
        # in a <script type="application/json">: '<' escaped, so no text can close the element
        data=json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
    )


def write_review_page(rows: list[Any], out: str | Path) -> Path:
    path = Path(out)
    path.write_text(generate_review_page(rows), encoding="utf-8")
    return path
