"""The diffusion chart and the province map as PNG or SVG, for reports: title, legend and the date
they were drawn on every picture.

Drawn with matplotlib (DejaVu Sans has every Vietnamese letter; SVG keeps text as text) from the
same data as the interactive plotly views, so a picture and its page always agree. Plotly's own
static export needs a separate browser engine (kaleido); matplotlib is already there.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from typing import Any

from graphbuild.dates import vn_date
from graphbuild.diffusion import Diffusion
from viz.chart_data import chart_series, province_order, title_of
from viz.province_map import MEASURES, NEVER_COLOUR, colour_range, shown_value, text_colour, tile_colour, tile_values

PICTURE_FORMATS = ("png", "svg")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "lexgraph"  # the same picture twice is the same file
    return plt


def _save(figure: Any, fmt: str) -> bytes:
    if fmt not in PICTURE_FORMATS:
        raise ValueError(f"picture format {fmt!r}: use png or svg")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=fmt, dpi=110, metadata=metadata)
    import matplotlib.pyplot as plt

    plt.close(figure)
    return buffer.getvalue()


def _drawn_on() -> str:
    return f"lexgraph · vẽ ngày {vn_date(dt.date.today().isoformat())}"


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def diffusion_picture(items: list[Diffusion], fmt: str = "png") -> bytes:
    """The diffusion chart: cumulative share above, provinces by first citation below."""
    plt = _pyplot()
    order = province_order(items)
    rows = max(len(order), 1)
    figure, (curve_axes, strip_axes) = plt.subplots(
        2, 1, sharex=True, figsize=(12, 3.2 + 0.2 * rows), gridspec_kw={"height_ratios": [1.1, max(2.0, 0.2 * rows)]},
    )
    row_of = {name: rows - 1 - index for index, name in enumerate(order)}
    for index, series in enumerate(chart_series(items)):
        item, colour = series.item, series.colour
        if series.curve:
            curve_axes.step([_day(date) for date, _, _ in series.curve], [share * 100 for _, _, share in series.curve], where="post",
                            color=colour, linewidth=2, label=f"{item.label}: % tỉnh đã trích dẫn")
        if series.hazard:
            curve_axes.bar([_day(w.start) for w in series.hazard], [(w.hazard or 0) * 100 for w in series.hazard], width=6, align="edge",
                           color=colour, alpha=0.3, label=f"{item.label}: hazard theo tuần (% tỉnh chưa trích dẫn)")
        for marks in series.firsts:
            strip_axes.scatter([_day(n.date) for _, n in marks.notices], [row_of[p] for p, _ in marks.notices], s=46, color=marks.colour,
                               zorder=3, edgecolors="white", linewidths=0.6, label=marks.label)
        if series.later:
            later = series.later
            strip_axes.scatter([_day(n.date) for _, n in later.notices], [row_of[p] for p, _ in later.notices], s=18, facecolors="none",
                               edgecolors=later.colour, zorder=2, label=later.label)
        if item.date and series.issued_label:
            for axes in (curve_axes, strip_axes):
                axes.axvline(_day(item.date), color=colour, linestyle="--", linewidth=1)
            curve_axes.annotate(f" {series.issued_label}", (_day(item.date), 96 - 13 * index), fontsize=8, color=colour, va="top")
        if item.median_date and series.median_label:
            median_day = _day(item.median_date)
            strip_axes.axvline(median_day, color=colour, linestyle=":", linewidth=1)
            strip_axes.annotate(f" {series.median_label}", (median_day, rows - 0.6 - 1.2 * index), fontsize=8, color=colour, va="bottom")
    curve_axes.set_ylim(0, 112)
    curve_axes.set_ylabel("% số tỉnh")
    curve_axes.grid(alpha=0.3)
    strip_axes.set_yticks(range(rows), list(reversed(order)) or ["—"], fontsize=7 if rows > 40 else 9)
    strip_axes.set_ylim(-0.8, rows - 0.2 + 0.8)
    strip_axes.set_ylabel("Tỉnh (theo thứ tự trích dẫn đầu tiên)")
    strip_axes.set_xlabel("Ngày ban hành văn bản của tỉnh")
    strip_axes.grid(alpha=0.3)
    import matplotlib.dates as mdates

    strip_axes.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m/%Y"))
    figure.autofmt_xdate()
    summary = "\n".join(f"{item.label}: {item.summary()}" for item in items)
    never = [f"Chưa trích dẫn {item.label} ({len(item.never)} tỉnh): {', '.join(item.never)}" for item in items if item.never]
    figure.suptitle(title_of(items), fontsize=13, x=0.01, ha="left", fontweight="bold")
    curve_axes.set_title(summary, fontsize=8.5, loc="left")
    if curve_axes.get_legend_handles_labels()[0]:  # (nothing to explain when no province cited them)
        curve_axes.legend(loc="lower right", fontsize=8, frameon=False)
    if strip_axes.get_legend_handles_labels()[0]:
        strip_axes.legend(loc="lower left", fontsize=8, title="Chú giải", title_fontsize=8, framealpha=0.9)
    footer = _wrap("\n".join(never), 170) + ("\n" if never else "") + _drawn_on()
    lines = footer.count("\n") + 1
    # the page grows with what is written above and below the plots: the summary over the curve
    # (a line per document) and the footer
    figure.set_figheight(figure.get_figheight() + 0.14 * lines + 0.16 * len(items))
    height = figure.get_figheight()
    figure.text(0.01, 0.005, footer, fontsize=7, ha="left", va="bottom", color="#566573")
    with warnings.catch_warnings():
        # (where the margins still cannot fit, matplotlib keeps the layout it has: the picture is
        # drawn all the same, and the analyst is not shown the library's warning)
        warnings.simplefilter("ignore", UserWarning)
        figure.tight_layout(rect=(0, (0.14 * lines + 0.1) / height, 1, 0.97))
    return _save(figure, fmt)


def province_map_picture(item: Diffusion, measure: str = "lag", year: int = 2021, fmt: str = "png") -> bytes:
    """The province map: one tile per province, coloured by ``measure``."""
    plt = _pyplot()
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch, Rectangle

    title, scale = MEASURES[measure]
    values = tile_values(item, measure, year)
    low, high = colour_range(values)
    cols = max(v.tile.col for v in values) + 1
    rows = max(v.tile.row for v in values) + 1
    figure, axes = plt.subplots(figsize=(7.5, 10.5))
    for value in values:
        axes.add_patch(Rectangle((value.tile.col, -value.tile.row - 0.94), 0.94, 0.94, facecolor=tile_colour(value.value, low, high, scale), edgecolor="white"))
        text = "\n".join((*value.tile.label_lines, shown_value(value)))
        axes.text(value.tile.col + 0.47, -value.tile.row - 0.47, text, ha="center", va="center", fontsize=5.6, color=text_colour(value, low, high))
    axes.set_xlim(-0.2, cols + 0.2)
    axes.set_ylim(-rows - 0.2, 0.2)
    axes.set_aspect("equal")
    axes.axis("off")
    colour_map = plt.get_cmap(scale)
    bar = figure.colorbar(plt.cm.ScalarMappable(norm=Normalize(low, high), cmap=colour_map), ax=axes, shrink=0.45, pad=0.01)
    bar.set_label(title)
    axes.legend(handles=[Patch(facecolor=NEVER_COLOUR, label="Chưa trích dẫn")], loc="upper right", fontsize=8, frameon=False)
    acted = sum(1 for v in values if v.first is not None)
    provinces = "63 tỉnh năm 2021" if year == 2021 else "34 tỉnh sau sáp nhập 2025"
    what = "độ trễ trích dẫn đầu tiên (ngày)" if measure == "lag" else "số văn bản trích dẫn"
    figure.suptitle(f"Bản đồ tỉnh: {what}\n{item.label} ({vn_date(item.date)})", fontsize=12, fontweight="bold", x=0.02, ha="left")
    axes.set_title(f"{acted}/{len(values)} tỉnh đã có văn bản trích dẫn · {provinces}", fontsize=8.5, loc="left")
    figure.text(0.98, 0.01, _drawn_on(), fontsize=7, ha="right", color="#566573")
    figure.tight_layout(rect=(0, 0.02, 1, 0.95))
    return _save(figure, fmt)


def leaders_picture(leaders: list[Any], followers: list[Any], *, title: str, fmt: str = "png") -> bytes:
    """The leaders map: tiles coloured by score (green leads, red lags), arrows to followers."""
    plt = _pyplot()
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    from viz.province_map import LEADERS_SCALE, LEADERS_TITLE
    from viz.province_tiles import tiles

    score = {leader.province: leader.score for leader in leaders}
    shown = tiles(2021)
    figure, axes = plt.subplots(figsize=(7.5, 10.5))
    for tile in shown:
        value = score.get(tile.name)
        axes.add_patch(Rectangle((tile.col, -tile.row - 0.94), 0.94, 0.94, facecolor=tile_colour(value, 0.0, 1.0, LEADERS_SCALE), edgecolor="white"))
        text = "\n".join((*tile.label_lines, "—" if value is None else f"{value:.2f}"))
        axes.text(tile.col + 0.47, -tile.row - 0.47, text, ha="center", va="center", fontsize=5.6, color="#1c2833")
    centre = {t.name: (t.col + 0.47, -t.row - 0.47) for t in shown}
    strongest = max((f.z for f in followers), default=1.0)
    for f in followers:
        if f.leader in centre and f.follower in centre:
            axes.annotate("", xy=centre[f.follower], xytext=centre[f.leader],
                          arrowprops={"arrowstyle": "-|>", "color": "#1f3a93", "lw": 0.8 + 2.2 * f.z / strongest, "alpha": 0.8})
    cols, rows = max(t.col for t in shown) + 1, max(t.row for t in shown) + 1
    axes.set_xlim(-0.2, cols + 0.2)
    axes.set_ylim(-rows - 0.2, 0.2)
    axes.set_aspect("equal")
    axes.axis("off")
    bar = figure.colorbar(plt.cm.ScalarMappable(norm=Normalize(0.0, 1.0), cmap=plt.get_cmap(LEADERS_SCALE)), ax=axes, shrink=0.45, pad=0.01)
    bar.set_label(LEADERS_TITLE)
    figure.suptitle(title, fontsize=12, fontweight="bold", x=0.02, ha="left")
    axes.set_title(f"{len(followers)} cặp tỉnh theo sau (mũi tên: tỉnh đi trước → tỉnh theo sau)", fontsize=8.5, loc="left")
    figure.text(0.98, 0.01, _drawn_on(), fontsize=7, ha="right", color="#566573")
    figure.tight_layout(rect=(0, 0.02, 1, 0.95))
    return _save(figure, fmt)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())


__all__ = ["PICTURE_FORMATS", "diffusion_picture", "leaders_picture", "province_map_picture"]
