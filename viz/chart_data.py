"""What the diffusion chart shows, prepared once for both of its renderers: the interactive plotly
chart (:mod:`viz.diffusion_chart`) and the matplotlib picture for reports (:mod:`viz.pictures`).

For each central document: its colour, its cumulative curve (the share of provinces that have cited
it by each date) and its weekly hazard (of the provinces that had not yet cited it, the share that
did that week: drawn as bars under the curve), the provinces' first citing notices grouped as the legend shows them (by the
relation the notice states for one document; by document for several), the later notices, and
the dates marked on the axis (the document's own date, the day the median province acted). Labels
are plain text here; each renderer escapes them as its output needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphbuild import vocabulary
from graphbuild.dates import vn_date
from graphbuild.diffusion import Diffusion
from graphbuild.flow import hazard
from graphbuild.vocabulary import relation_name

DOCUMENT_COLOURS = ("#c0392b", "#2471a3", "#229954", "#8e44ad", "#d68910", "#17a589", "#5d6d7e")
LATER_COLOUR = "#566573"


@dataclass
class Marks:
    """Notices drawn alike, with one legend entry: ``(province, notice)`` pairs."""

    key: str
    label: str
    colour: str
    notices: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Series:
    item: Diffusion
    colour: str
    curve: list[tuple[str, int, float]]  # (date, provinces that have acted, share of all 0–1), from the document's date
    firsts: list[Marks]
    later: Marks | None
    issued_label: str | None
    median_label: str | None
    hazard: list[Any] = field(default_factory=list)  # per ISO week from the document's date (graphbuild.flow.hazard)


def title_of(items: list[Diffusion]) -> str:
    if len(items) == 1:
        item = items[0]
        kind = f"{item.type} " if item.type else ""
        return f"Lan tỏa của {kind}{item.label} ({vn_date(item.date)}) đến các tỉnh"
    return "So sánh lan tỏa đến các tỉnh: " + ", ".join(i.label for i in items)


def province_order(items: list[Diffusion]) -> list[str]:
    """Provinces by their first citation of the first document, then of the others."""
    order: list[str] = []
    for item in items:
        for adoption in item.adoptions:
            if adoption.province not in order:
                order.append(adoption.province)
    return order


def chart_series(items: list[Diffusion]) -> list[Series]:
    """One series per document, in the order given."""
    several = len(items) > 1
    return [_series(item, DOCUMENT_COLOURS[index % len(DOCUMENT_COLOURS)], several) for index, item in enumerate(items)]


def _series(item: Diffusion, colour: str, several: bool) -> Series:
    curve = ([(item.date, 0, 0.0)] if item.date else []) + item.adoption_curve()
    firsts: dict[str, Marks] = {}
    for adoption in item.adoptions:
        key = item.uid if several else (adoption.first.relation or "refers")
        if key not in firsts:
            label = f"{item.label}: văn bản đầu tiên" if several else f"Văn bản đầu tiên — {relation_name(key)}"
            firsts[key] = Marks(key, label, colour if several else vocabulary.colour("relation", key))
        firsts[key].notices.append((adoption.province, adoption.first))
    later_notices = [(a.province, n) for a in item.adoptions for n in a.notices[1:]]
    later = None
    if later_notices:
        label = f"{item.label}: văn bản tiếp theo" if several else "Văn bản tiếp theo"
        later = Marks(item.uid, label, colour if several else LATER_COLOUR, later_notices)
    quartiles = item.quartiles
    first_days = item.first_days()
    return Series(
        item, colour, curve, list(firsts.values()), later,
        issued_label=f"{item.label} ban hành {vn_date(item.date)}" if item.date else None,
        median_label=f"trung vị +{quartiles[1]:g} ngày" if quartiles and item.median_date else None,
        hazard=hazard(item.day, first_days, period="week", risk_set=item.province_count) if item.day is not None and first_days else [],
    )


__all__ = ["DOCUMENT_COLOURS", "Marks", "Series", "chart_series", "province_order", "title_of"]
