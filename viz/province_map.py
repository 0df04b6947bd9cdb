"""The province map: one tile per province, coloured by how fast it cited a central document (the lag
of its first citing notice, in days) or by how many of its notices cite it.

Tiles are placed by geography (:mod:`viz.province_tiles`); a button switches between the 63
provinces of 2021 and the 34 after the 2025 merger (a merged province acted when the first of
the provinces it was made from acted; its notices are summed). Provinces that never cited the
document are grey. Drawn with plotly, offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from graphbuild.dates import vn_date
from graphbuild.diffusion import CitingNotice, Diffusion, merged_2025
from viz.diffusion_chart import FONT
from viz.province_tiles import Tile, tiles

MEASURES = {
    "lag": ("Độ trễ của văn bản đầu tiên (ngày)", "YlOrRd"),
    "notices": ("Số văn bản trích dẫn", "Blues"),
}
NEVER_COLOUR = "#d5d8dc"


@dataclass(frozen=True)
class TileValue:
    tile: Tile
    value: float | None  # None: no citing notice (or, for the lag, no date to count from)
    first: CitingNotice | None
    notices: int


def tile_values(item: Diffusion, measure: str = "lag", year: int = 2021) -> list[TileValue]:
    """Each tile's value for ``measure`` (``lag`` or ``notices``), for the provinces of ``year``."""
    if measure not in MEASURES:
        raise ValueError(f"measure {measure!r}: use lag or notices")
    if year == 2021:
        by_name: dict[str, tuple[CitingNotice | None, int]] = {a.province: (a.first, len(a.notices)) for a in item.adoptions}
    else:
        by_name = {name: (first, count) for name, first, count in merged_2025(item)}
    values = []
    for tile in tiles(year):
        first, count = by_name.get(tile.name, (None, 0))
        if measure == "lag":
            value: float | None = first.lag_days if first is not None and first.lag_days is not None else None
        else:
            value = count or None
        values.append(TileValue(tile, value, first, count))
    return values


def colour_range(values: list[TileValue]) -> tuple[float, float]:
    known = [v.value for v in values if v.value is not None]
    if not known:
        return (0.0, 1.0)
    low, high = min(known), max(known)
    return (low, high if high > low else low + 1)


def _hover(item: Diffusion, value: TileValue) -> str:
    lines = [f"<b>{escape(value.tile.name)}</b>"]
    if len(value.tile.members) > 1:
        lines.append("Hợp nhất từ: " + escape(", ".join(value.tile.members)))
    if value.first is None:
        lines.append(f"Chưa có văn bản trích dẫn {escape(item.label)}")
    else:
        lag = f"{value.first.lag_days} ngày" if value.first.lag_days is not None else "không rõ"
        lines += [
            f"Văn bản đầu tiên: {escape(value.first.label)} ({vn_date(value.first.date)})",
            f"Độ trễ: {lag}", f"Số văn bản trích dẫn: {value.notices}",
        ]
    return "<br>".join(lines)


def tile_colour(value: float | None, low: float, high: float, scale: str) -> str:
    from plotly.colors import sample_colorscale, unlabel_rgb

    if value is None:
        return NEVER_COLOUR
    share = (value - low) / (high - low) if high > low else 0.0
    red, green, blue = unlabel_rgb(sample_colorscale(scale, [min(max(share, 0.0), 1.0)])[0])
    return f"#{round(red):02x}{round(green):02x}{round(blue):02x}"


def province_map_figure(item: Diffusion, measure: str = "lag", year: int = 2021) -> Any:
    """The plotly Figure: tiles for ``year`` shown, the other year one click away."""
    import plotly.graph_objects as go

    title, scale = MEASURES[measure]
    figure = go.Figure()
    layouts: dict[int, dict[str, Any]] = {}
    for shown_year in (2021, 2025):
        values = tile_values(item, measure, shown_year)
        low, high = colour_range(values)
        shapes = [
            {
                "type": "rect", "x0": v.tile.col, "x1": v.tile.col + 0.94, "y0": -v.tile.row, "y1": -v.tile.row - 0.94,
                "fillcolor": tile_colour(v.value, low, high, scale), "line": {"color": "white", "width": 1}, "layer": "below",
                "name": v.tile.name,
            }
            for v in values
        ]
        visible = shown_year == year
        centres_x = [v.tile.col + 0.47 for v in values]
        centres_y = [-v.tile.row - 0.47 for v in values]
        figure.add_trace(go.Scatter(
            x=centres_x, y=centres_y, mode="markers", visible=visible, showlegend=False,
            marker={
                "symbol": "square", "size": 1, "opacity": 0, "color": [v.value if v.value is not None else low for v in values],
                "colorscale": scale, "cmin": low, "cmax": high, "showscale": True,
                "colorbar": {"title": {"text": title, "side": "right"}, "thickness": 14, "len": 0.6},
            },
            hovertext=[_hover(item, v) for v in values], hoverinfo="text", customdata=[v.tile.name for v in values],
            name=f"tiles-{shown_year}",
        ))
        figure.add_trace(go.Scatter(
            x=centres_x, y=centres_y, mode="text", visible=visible, showlegend=False, hoverinfo="skip",
            text=[_label(v) for v in values], textfont={"size": 9, "color": [text_colour(v, low, high) for v in values]},
            name=f"labels-{shown_year}",
        ))
        acted = sum(1 for v in values if v.first is not None)
        layouts[shown_year] = {
            "shapes": shapes,
            "title.text": f"{escape(_title(item, measure))}<br><sup>{acted}/{len(values)} tỉnh đã có văn bản trích dẫn · "
                          f"{'63 tỉnh năm 2021' if shown_year == 2021 else '34 tỉnh sau sáp nhập 2025'} · màu xám: chưa trích dẫn</sup>",
        }
    figure.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", marker={"symbol": "square", "size": 12, "color": NEVER_COLOUR},
        name="Chưa trích dẫn", showlegend=True, hoverinfo="skip",
    ))
    buttons = []
    for shown_year, label in ((2021, "63 tỉnh (2021)"), (2025, "34 tỉnh (sau sáp nhập 2025)")):
        showing = [shown_year == 2021, shown_year == 2021, shown_year == 2025, shown_year == 2025, True]
        buttons.append({"label": label, "method": "update", "args": [{"visible": showing}, {"shapes": layouts[shown_year]["shapes"], "title.text": layouts[shown_year]["title.text"]}]})
    figure.update_layout(
        title={"text": layouts[year]["title.text"], "x": 0.01, "font": {"size": 17}}, shapes=layouts[year]["shapes"],
        font={"family": FONT, "size": 12}, template="plotly_white", height=900, width=760, hovermode="closest",
        xaxis={"visible": False, "range": [-0.5, 10.5], "fixedrange": False},
        yaxis={"visible": False, "scaleanchor": "x", "range": [-19.5, 0.5]},
        margin={"l": 10, "r": 10, "t": 130, "b": 10}, legend={"x": 0.72, "y": 0.98},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom", "pad": {"b": 4},
                      "active": 0 if year == 2021 else 1, "buttons": buttons, "showactive": True}],
    )
    return figure


def _title(item: Diffusion, measure: str) -> str:
    what = "độ trễ trích dẫn đầu tiên" if measure == "lag" else "số văn bản trích dẫn"
    return f"Bản đồ tỉnh: {what} — {item.label} ({vn_date(item.date)})"


def shown_value(value: TileValue) -> str:
    return "—" if value.value is None else f"{value.value:g}"


def _label(value: TileValue) -> str:
    return "<br>".join(escape(line) for line in value.tile.label_lines) + f"<br><b>{shown_value(value)}</b>"


def text_colour(value: TileValue, low: float, high: float) -> str:
    """Dark text on light tiles, white on dark ones."""
    if value.value is None:
        return "#34495e"
    return "white" if (value.value - low) / (high - low) > 0.55 else "#1c2833"




LEADERS_SCALE = "RdYlGn_r"  # green: acts first, red: last
LEADERS_TITLE = "Điểm đi đầu (0 = luôn đầu tiên, 1 = sau cùng)"


def leaders_figure(leaders: list[Any], followers: list[Any], *, title: str) -> Any:
    """The 63 provinces of 2021 coloured by their leaders score, with an arrow from each province to
    each one that follows it (its width grows with the strength of the evidence)."""
    import plotly.graph_objects as go

    score = {leader.province: leader for leader in leaders}
    shown = tiles(2021)
    centre = {t.name: (t.col + 0.47, -t.row - 0.47) for t in shown}
    shapes = [
        {"type": "rect", "x0": t.col, "x1": t.col + 0.94, "y0": -t.row, "y1": -t.row - 0.94,
         "fillcolor": tile_colour(score[t.name].score if t.name in score else None, 0.0, 1.0, LEADERS_SCALE),
         "line": {"color": "white", "width": 1}, "layer": "below", "name": t.name}
        for t in shown
    ]
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=[centre[t.name][0] for t in shown], y=[centre[t.name][1] for t in shown], mode="markers", showlegend=False, name="tiles",
        marker={"symbol": "square", "size": 1, "opacity": 0, "color": [score[t.name].score if t.name in score else 1.0 for t in shown],
                "colorscale": LEADERS_SCALE, "cmin": 0, "cmax": 1, "showscale": True,
                "colorbar": {"title": {"text": LEADERS_TITLE, "side": "right"}, "thickness": 14, "len": 0.6}},
        hovertext=[_leader_hover(t.name, score.get(t.name)) for t in shown], hoverinfo="text", customdata=[t.name for t in shown],
    ))
    figure.add_trace(go.Scatter(
        x=[centre[t.name][0] for t in shown], y=[centre[t.name][1] for t in shown], mode="text", showlegend=False, hoverinfo="skip",
        text=["<br>".join(escape(line) for line in t.label_lines) + (f"<br><b>{score[t.name].score:.2f}</b>" if t.name in score else "") for t in shown],
        textfont={"size": 9, "color": "#1c2833"}, name="labels",
    ))
    strongest = max((f.z for f in followers), default=1.0)
    arrows = [
        {"x": centre[f.follower][0], "y": centre[f.follower][1], "ax": centre[f.leader][0], "ay": centre[f.leader][1],
         "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1.2,
         "arrowwidth": 1 + 3 * f.z / strongest, "arrowcolor": "rgba(31, 58, 147, 0.8)", "text": "",
         "hovertext": escape(f"{f.leader} → {f.follower}: {f.together} văn bản (ngẫu nhiên: {f.expected:.1f}; z = {f.z:.1f})")}
        for f in followers if f.leader in centre and f.follower in centre
    ]
    figure.update_layout(
        title={"text": escape(title), "x": 0.01, "font": {"size": 17}}, shapes=shapes, annotations=arrows,
        font={"family": FONT, "size": 12}, template="plotly_white", height=900, width=760, hovermode="closest",
        xaxis={"visible": False, "range": [-0.5, 10.5]}, yaxis={"visible": False, "scaleanchor": "x", "range": [-19.5, 0.5]},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
    )
    return figure


def _leader_hover(name: str, leader: Any) -> str:
    if leader is None:
        return f"<b>{escape(name)}</b><br>Chưa có văn bản trích dẫn"
    return (f"<b>{escape(name)}</b><br>Điểm: {leader.score:.3f} (khoảng 95 %: {leader.low:.3f} – {leader.high:.3f})"
            f"<br>Số văn bản đã trích dẫn: {leader.documents}")


__all__ = ["MEASURES", "TileValue", "colour_range", "leaders_figure", "province_map_figure", "shown_value", "text_colour", "tile_colour", "tile_values"]
