"""Self-contained pages (HTML, offline) and Markdown briefs: the diffusion chart, the province map and the
report on one or more central documents, with their tables.

Each ``generate_*`` returns the text and does no I/O. plotly.js is inlined once per page; the
tables are rendered by Jinja with autoescaping, so text from notices is shown, never run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graphbuild import vocabulary
from graphbuild.dates import vn_date
from graphbuild.diffusion import Diffusion
from graphbuild.exports.markdown import markdown_cell
from graphbuild.vocabulary import relation_name
from viz.chart_data import title_of
from viz.diffusion_chart import diffusion_figure

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "svg", "filename": "lexgraph"}}


def _figure_html(figure: Any, div_id: str) -> str:
    return str(figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOTLY_CONFIG))


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs()).replace("</script", "<\\/script")


def _lag(value: int | None) -> str:
    return "" if value is None else str(value)


REVIEWED_MARK = " (đã xem lại)"


def _reviewed(label: str, reviewed: bool) -> str:
    """A notice's label, marked where its date or province is an analyst's correction."""
    return label + REVIEWED_MARK if reviewed else label


def _section(item: Diffusion, figures: list[str], *, all_notices: bool) -> dict[str, Any]:
    kind = f"{item.type} " if item.type else ""
    return {
        "uid": item.uid,
        "heading": f"{kind}{item.label} ({vn_date(item.date)})" + (f" — {item.issuer}" if item.issuer else ""),
        "summary": item.summary(),
        "subject": item.subject,
        "figures": figures,
        "firsts": [
            {
                "province": a.province, "region": a.region, "notice": _reviewed(a.first.label, a.first.reviewed), "date": vn_date(a.first.date),
                "lag": _lag(a.lag_days), "relation": relation_name(a.first.relation), "notices": len(a.notices),
            }
            for a in item.adoptions
        ],
        "never": list(item.never),
        "undated": [n.label for n in item.undated],
        "notices": [
            {
                "province": a.province, "notice": _reviewed(n.label, n.reviewed), "level": vocabulary.name("level", n.level), "date": vn_date(n.date),
                "lag": _lag(n.lag_days), "relation": relation_name(n.relation),
            }
            for a in item.adoptions for n in a.notices
        ] if all_notices else [],
    }


def _render(title: str, sections: list[dict[str, Any]], *, comparison: str | None = None, messages: list[str] | None = None) -> str:
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    return environment.get_template("brief.html").render(
        title=title, sections=sections, comparison=comparison, messages=messages or [], plotly_js=_plotly_js(),
        drawn_on=vn_date(dt.date.today().isoformat()), source="dữ liệu: đồ thị lexgraph (các văn bản đã nạp)",
    )


def generate_diffusion_page(items: list[Diffusion]) -> str:
    """The diffusion chart of ``items`` on one page, with each document's table of first citations."""
    chart = _figure_html(diffusion_figure(items), "diffusion")
    sections = [_section(item, [], all_notices=False) for item in items]
    return _render(title_of(items), sections, comparison=chart)


def generate_province_map_page(item: Diffusion, measure: str = "lag", year: int = 2021) -> str:
    from viz.province_map import province_map_figure

    figure = _figure_html(province_map_figure(item, measure, year), "province-map")
    return _render(f"Bản đồ tỉnh — {item.label}", [_section(item, [figure], all_notices=False)])


def generate_report(items: list[Diffusion], measure: str = "lag") -> str:
    """A brief for a policy note: per document its diffusion chart, province map and tables."""
    from viz.province_map import province_map_figure

    comparison = _figure_html(diffusion_figure(items), "comparison-chart") if len(items) > 1 else None
    sections = []
    for index, item in enumerate(items):
        figures = [] if len(items) > 1 else [_figure_html(diffusion_figure([item]), f"diffusion-{index}")]
        figures.append(_figure_html(province_map_figure(item, measure, 2021), f"province-map-{index}"))
        sections.append(_section(item, figures, all_notices=True))
    title = "Báo cáo lan tỏa chính sách: " + ", ".join(item.label for item in items)
    return _render(title, sections, comparison=comparison)


def generate_report_markdown(items: list[Diffusion], pictures: dict[str, str] | None = None, *, notice_rows: int = 300) -> str:
    """The same brief in Markdown. ``pictures`` maps ``diffusion``/``map:UID`` to image files to link."""
    pictures = pictures or {}
    lines = [f"# Báo cáo lan tỏa chính sách: {markdown_cell(', '.join(i.label for i in items))}", "", f"_lexgraph · lập ngày {vn_date(dt.date.today().isoformat())}_", ""]
    if "diffusion" in pictures:
        lines += [f"![{markdown_cell(title_of(items))}]({pictures['diffusion']})", ""]
    for item in items:
        kind = f"{item.type} " if item.type else ""
        lines += [f"## {markdown_cell(kind + item.label)} ({vn_date(item.date)})", "", markdown_cell(item.summary()) + ".", ""]
        if f"map:{item.uid}" in pictures:
            lines += [f"![Bản đồ tỉnh — {markdown_cell(item.label)}]({pictures[f'map:{item.uid}']})", ""]
        if item.adoptions:
            lines += ["| # | Tỉnh | Văn bản đầu tiên | Ngày | Độ trễ (ngày) | Quan hệ | Số văn bản |", "|---:|---|---|---|---:|---|---:|"]
            for number, a in enumerate(item.adoptions, start=1):
                cells = [number, a.province, _reviewed(a.first.label, a.first.reviewed), vn_date(a.first.date), _lag(a.lag_days), relation_name(a.first.relation), len(a.notices)]
                lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
            lines.append("")
        lines += [f"**Tỉnh chưa trích dẫn ({len(item.never)}):** " + (markdown_cell(", ".join(item.never)) or "không có") + ".", ""]
        notices = [(a.province, n) for a in item.adoptions for n in a.notices]
        if 0 < len(notices) <= notice_rows:
            lines += ["| Tỉnh | Văn bản | Ngày | Độ trễ (ngày) | Quan hệ |", "|---|---|---|---:|---|"]
            for province, n in notices:
                lines.append("| " + " | ".join(markdown_cell(c) for c in (province, _reviewed(n.label, n.reviewed), vn_date(n.date), _lag(n.lag_days), relation_name(n.relation))) + " |")
            lines.append("")
        elif notices:
            lines += [f"{len(notices)} văn bản trích dẫn: xem `lexgraph query citing-notices --param symbol={markdown_cell(item.symbol)}`.", ""]
    return "\n".join(lines)


__all__ = ["generate_diffusion_page", "generate_province_map_page", "generate_report", "generate_report_markdown"]


def generate_leaders_page(leaders: list[Any], followers: list[Any], *, title: str, explained: str) -> str:
    """The leaders map with its follower arrows, and the tables of scores and followers."""
    from viz.province_map import leaders_figure

    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    return environment.get_template("leaders.html").render(
        title=title, explained=explained, plotly_js=_plotly_js(), drawn_on=vn_date(dt.date.today().isoformat()),
        figure=_figure_html(leaders_figure(leaders, followers, title=title), "leaders-map"),
        leaders=[leader.row() for leader in leaders], followers=[f.row() for f in followers],
    )
