"""A Markdown report of the selection: a table of citing notices, ready to paste into a report.

One row per citation from a notice in the corpus: province, date, symbol, issuer, cited
document, relation, lag in days, the citing sentence. Cells are single-line (line breaks become
spaces) and ``|`` is escaped. Markdown cannot carry the graph itself: use another format for that.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import networkx as nx

from graphbuild.exports.flat import write_text
from graphbuild.output import vietnamese_key

COLUMNS = ("Tỉnh", "Ngày", "Số, ký hiệu", "Cơ quan ban hành", "Văn bản được trích dẫn", "Quan hệ", "Độ trễ (ngày)", "Câu trích dẫn", "Đã xem lại")
# The notice's facts an analyst may have corrected (their basis then reads "reviewed: <note>")
REVIEWABLE = (("ngày", "date_basis"), ("tỉnh", "province_basis"), ("cơ quan", "issuer_basis"), ("loại", "type_basis"))


def markdown_cell(value: Any) -> str:
    """One table cell: a single line, ``|`` escaped, and HTML marks as entities — Markdown
    renderers pass raw HTML through, so ``<script>`` from a notice must arrive as text."""
    text = "" if value is None else str(value)
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def citation_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    rows = []
    for start, end, data in graph.edges(data=True):
        notice, cited = graph.nodes[start], graph.nodes[end]
        if data.get("type") != "CITES" or notice.get("status") != "corpus":
            continue
        lag = notice["day"] - cited["day"] if isinstance(notice.get("day"), int) and isinstance(cited.get("day"), int) else None
        rows.append(
            {
                "province": notice.get("province"), "date": notice.get("date") or notice.get("meeting_date"),
                "symbol": notice.get("label"), "issuer": notice.get("issuer"), "cited": cited.get("label"),
                "relation": data.get("relation"), "lag_days": lag, "sentence": data.get("sentence"),
                "reviewed": "; ".join(f"{name} — {notice[key]}" for name, key in REVIEWABLE if str(notice.get(key) or "").startswith("reviewed")),
            }
        )
    return sorted(rows, key=lambda r: (vietnamese_key(r["cited"]), r["date"] or "", vietnamese_key(r["province"])))


def generate_markdown(graph: nx.MultiDiGraph, *, title: str = "Các thông báo trích dẫn") -> str:
    rows = citation_rows(graph)
    notices = {r["symbol"] for r in rows}
    lines = [
        f"# {markdown_cell(title)}",
        "",
        f"{len(rows)} trích dẫn từ {len(notices)} thông báo.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(" --- " for _ in COLUMNS) + "|",
    ]
    for row in rows:
        cells = [row["province"], row["date"], row["symbol"], row["issuer"], row["cited"], row["relation"], row["lag_days"], row["sentence"], row["reviewed"]]
        lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_markdown(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    write_text(generate_markdown(graph), path_or_file)
