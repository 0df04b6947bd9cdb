"""How a central document travelled to the provinces: the data behind the diffusion chart, the
province map and the report.

For one central document (``128/NQ-CP``): each province's first notice citing it and the later
ones, the lag in days from the document's own date, the median and quartiles of the provinces'
first lags, the cumulative share of the 63 provinces that have acted by each date, and the
provinces that never cited it. The rows come from the library question ``diffusion``
(``queries/diffusion.cypher``), so an analyst can check every figure with
``lexgraph query diffusion --param symbol=…``.

>>> lag_quartiles([3, 1, 2, 10])
(1.75, 2.5, 4.75)
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graphbuild.dates import day_iso
from graphbuild.errors import SelectionError
from graphbuild.querylib import bind, get_query, run_query
from graphbuild.stores.base import GraphStore
from graphbuild.tables import provinces

DOCUMENTS = """
MATCH (d:Document {canonical: $symbol})
WHERE $year IS NULL OR d.year = $year
RETURN d.uid AS uid, coalesce(d.label, d.canonical) AS label, d.canonical AS symbol, d.date AS date, d.day AS day,
       d.year AS year, d.type AS type, d.issuer AS issuer, d.subject AS subject, d.level AS level
"""

@dataclass(frozen=True)
class CitingNotice:
    label: str
    uid: str
    province: str | None
    level: str | None
    date: str | None
    day: int | None
    relation: str | None
    lag_days: int | None
    reviewed: bool = False  # its date or province is an analyst's correction (corrections.csv)


@dataclass(frozen=True)
class ProvinceAdoption:
    """One province's notices citing the document, the first one first."""

    province: str
    region: str
    notices: tuple[CitingNotice, ...]

    @property
    def first(self) -> CitingNotice:
        return self.notices[0]

    @property
    def lag_days(self) -> int | None:
        return self.first.lag_days


@dataclass(frozen=True)
class Diffusion:
    uid: str
    symbol: str
    label: str
    type: str | None
    issuer: str | None
    subject: str | None
    date: str | None
    day: int | None
    adoptions: tuple[ProvinceAdoption, ...]  # ordered by first citation
    never: tuple[str, ...]  # provinces of 2021 with no dated notice citing it, in the table's order
    undated: tuple[CitingNotice, ...]  # citing notices without a date or a province: counted, not placed
    province_count: int

    @property
    def first_lags(self) -> list[int]:
        return [a.lag_days for a in self.adoptions if a.lag_days is not None]

    @property
    def quartiles(self) -> tuple[float, float, float] | None:
        """(Q1, median, Q3) of the provinces' first lags in days."""
        return lag_quartiles(self.first_lags)

    @property
    def median_date(self) -> str | None:
        """The day the median province first acted: the document's date plus the median lag."""
        quartiles = self.quartiles
        return day_iso(self.day + round(quartiles[1])) if quartiles and self.day is not None else None

    @property
    def citing_notices(self) -> int:
        return sum(len(a.notices) for a in self.adoptions) + len(self.undated)

    def first_days(self) -> dict[str, int]:
        """Each province's first citation as a day number (the document's day plus the lag)."""
        if self.day is None:
            return {}
        return {a.province: self.day + a.lag_days for a in self.adoptions if a.lag_days is not None}

    def adoption_curve(self) -> list[tuple[str, int, float]]:
        """``(date, provinces that have acted by then, share of all provinces)``, one step per first citation."""
        curve = []
        for count, adoption in enumerate(self.adoptions, start=1):
            curve.append((adoption.first.date or "", count, count / self.province_count))
        return curve

    def summary(self) -> str:
        """One line in Vietnamese: how many provinces acted and how fast."""
        acted = len(self.adoptions)
        text = f"{acted}/{self.province_count} tỉnh đã có văn bản trích dẫn ({self.citing_notices} văn bản"
        text += f", {len(self.undated)} chưa rõ ngày hoặc tỉnh)" if self.undated else ")"
        reviewed = sum(1 for a in self.adoptions for n in a.notices if n.reviewed) + sum(1 for n in self.undated if n.reviewed)
        if reviewed:
            text += f"; {reviewed} văn bản có ngày hoặc tỉnh đã được xem lại (reviewed by an analyst)"
        quartiles = self.quartiles
        if quartiles:
            q1, median, q3 = quartiles
            text += f"; độ trễ của văn bản đầu tiên: trung vị {median:g} ngày (Q1 {q1:g}, Q3 {q3:g})"
        elif acted and self.day is None:
            text += "; không tính được độ trễ: chưa rõ ngày ban hành của văn bản"
        return text


def lag_quartiles(lags: list[int]) -> tuple[float, float, float] | None:
    """Q1, median and Q3 in days (inclusive method, as spreadsheets compute QUARTILE)."""
    if not lags:
        return None
    if len(lags) == 1:
        return (float(lags[0]),) * 3  # type: ignore[return-value]
    q1, median, q3 = statistics.quantiles(lags, n=4, method="inclusive")
    return (round(q1, 2), round(median, 2), round(q3, 2))


def diffusion(store: GraphStore, symbol: str, *, year: int | None = None) -> Diffusion:
    """The diffusion of the central document ``symbol`` (any spelling), of ``year`` if given."""
    bound = bind(get_query("diffusion"), {"symbol": symbol, "year": year})
    documents = store.read(DOCUMENTS, {"symbol": bound["symbol"], "year": bound["year"]})
    if not documents:
        from graphbuild.querylib import why_empty

        reason = why_empty(store, "diffusion", {"symbol": symbol}) or f"{symbol}: không có văn bản nào như vậy trong đồ thị"
        raise SelectionError(f"{reason} — `lexgraph query most-cited` lists the documents the notices cite.")
    if len(documents) > 1:
        years = ", ".join(str(d["year"]) for d in sorted(documents, key=lambda d: d["year"] or 0))
        raise SelectionError(f"{symbol}: {len(documents)} documents share this number ({years}); say which with --year.")
    document = documents[0]
    rows = run_query(store, "diffusion", {"symbol": symbol, "year": year})
    return _diffusion_of(document, rows)


def _diffusion_of(document: dict[str, Any], rows: list[dict[str, Any]]) -> Diffusion:
    by_province: dict[str, list[CitingNotice]] = defaultdict(list)
    undated: list[CitingNotice] = []
    seen: set[str] = set()
    for row in rows:
        if row["notice_uid"] in seen:  # a notice citing the document twice (two relations) counts once
            continue
        seen.add(row["notice_uid"])
        notice = CitingNotice(
            label=row["notice"] or row["notice_uid"], uid=row["notice_uid"], province=row["province"], level=row["notice_level"],
            date=row["date"], day=row["day"], relation=row["relation"], lag_days=row["lag_days"], reviewed=bool(row.get("reviewed")),
        )
        if notice.province and notice.day is not None:
            by_province[notice.province].append(notice)
        else:
            undated.append(notice)
    regions = {p.name: p.region for p in provinces()}
    adoptions = [
        ProvinceAdoption(name, regions.get(name, ""), tuple(sorted(notices, key=lambda n: (n.day, n.label))))
        for name, notices in by_province.items()
    ]
    adoptions.sort(key=lambda a: (a.first.day, a.province))
    acted = {a.province for a in adoptions}
    return Diffusion(
        uid=document["uid"], symbol=document["symbol"] or document["label"], label=document["label"], type=document.get("type"),
        issuer=document.get("issuer"), subject=document.get("subject"), date=document["date"], day=document["day"],
        adoptions=tuple(adoptions), never=tuple(p.name for p in provinces() if p.name not in acted),
        undated=tuple(undated), province_count=len(provinces()),
    )


def merged_2025(item: Diffusion) -> list[tuple[str, CitingNotice | None, int]]:
    """The same adoption by the 34 provinces after the 2025 merger: ``(successor, its first notice, notices)``.

    A merged province acted when the first of the provinces it was made from acted.
    """
    successor = {p.name: p.successor_2025 for p in provinces()}
    first: dict[str, CitingNotice] = {}
    counts: dict[str, int] = defaultdict(int)
    for adoption in item.adoptions:
        name = successor.get(adoption.province, adoption.province)
        counts[name] += len(adoption.notices)
        if name not in first or (adoption.first.day or 0) < (first[name].day or 0):
            first[name] = adoption.first
    names = list(dict.fromkeys(successor.values()))
    return [(name, first.get(name), counts.get(name, 0)) for name in names]


__all__ = ["CitingNotice", "Diffusion", "ProvinceAdoption", "diffusion", "lag_quartiles", "merged_2025"]
