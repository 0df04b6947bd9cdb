"""Policy flow as researchers of diffusion measure it, from each province's first citation of each
central document (the ``first-citations`` question, the same rows on both stores):

- **leaders**: per province, the mean normalised rank of its first citation over every document
  that at least ``min_provinces`` provinces cited (0 = first, 1 = last; a province that never
  cited it counts 1), the number of those documents it cited, and a bootstrap interval over the
  documents (resampled with replacement, a fixed seed: the same interval every run);
- **hazard**: per week or month from a document's date, the provinces still at risk at the start
  of the period (of the 63 of 2021), how many acted in it, and the hazard rate acted / at risk.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graphbuild.dates import day_iso
from graphbuild.tables import provinces

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 2021


@dataclass(frozen=True)
class Leader:
    province: str
    score: float  # mean normalised rank, 0 = always first, 1 = last or never
    documents: int  # documents it cited among those scored
    low: float  # 95 % bootstrap interval of the score
    high: float

    def row(self) -> dict[str, Any]:
        return {"province": self.province, "score": round(self.score, 3), "documents": self.documents,
                "low": round(self.low, 3), "high": round(self.high, 3)}


def normalised_ranks(first_days: dict[str, int], all_provinces: list[str]) -> dict[str, float]:
    """Each province's normalised rank for one document: ties share their mean rank, never = 1.

    >>> normalised_ranks({"A": 10, "B": 12, "C": 12}, ["A", "B", "C", "D"])
    {'A': 0.0, 'B': 0.75, 'C': 0.75, 'D': 1.0}
    """
    ordered = sorted(first_days.items(), key=lambda item: item[1])
    span = max(len(ordered) - 1, 1)
    ranks: dict[str, float] = {}
    index = 0
    while index < len(ordered):
        tied = [p for p, day in ordered if day == ordered[index][1]]
        mean_rank = index + (len(tied) - 1) / 2
        for province in tied:
            ranks[province] = mean_rank / span
        index += len(tied)
    return {province: ranks.get(province, 1.0) for province in all_provinces}


def first_citations(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The question's rows as document → province → first day."""
    by_document: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        by_document[row["document_uid"]][row["province"]] = row["first_day"]
    return dict(by_document)


def leaders(rows: list[dict[str, Any]], *, min_provinces: int = 10, samples: int = BOOTSTRAP_SAMPLES) -> list[Leader]:
    """Provinces by score, leaders first, over the documents at least ``min_provinces`` provinces cited."""
    all_provinces = [p.name for p in provinces()]
    scored = [days for days in first_citations(rows).values() if len(days) >= min_provinces]
    if not scored:
        return []
    ranks = [normalised_ranks(days, all_provinces) for days in scored]
    rng = random.Random(BOOTSTRAP_SEED)
    draws = [[rng.randrange(len(ranks)) for _ in ranks] for _ in range(samples)]
    result = []
    for province in all_provinces:
        values = [r[province] for r in ranks]
        means = sorted(statistics.fmean(values[i] for i in draw) for draw in draws)
        low, high = means[int(0.025 * (samples - 1))], means[int(0.975 * (samples - 1))]
        result.append(Leader(province, statistics.fmean(values), sum(province in days for days in scored), low, high))
    return sorted(result, key=lambda leader: (leader.score, leader.province))


@dataclass(frozen=True)
class HazardPeriod:
    period: str  # 2021-W43 or 2021-10
    start: str  # the period's first day (the document's date for the first one)
    at_risk: int  # provinces that had not acted when the period began
    acted: int
    hazard: float | None  # acted / at risk

    def row(self) -> dict[str, Any]:
        return {"period": self.period, "start": self.start, "at_risk": self.at_risk, "acted": self.acted,
                "hazard": None if self.hazard is None else round(self.hazard, 4)}


def period_of(day: int, period: str) -> str:
    """``2021-W43`` (ISO week) or ``2021-10`` for a day number."""
    date = dt.date.fromisoformat(day_iso(day))
    if period == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    return date.strftime("%Y-%m")


def hazard(document_day: int, first_days: dict[str, int], *, period: str = "week", until: int | None = None, risk_set: int = 63) -> list[HazardPeriod]:
    """Per period from the document's day to the last first citation (or ``until``): at risk, acted, hazard."""
    if period not in ("week", "month"):
        raise ValueError(f"period {period!r}: week or month")
    last = max([*first_days.values(), until or document_day])
    acted_in: dict[str, int] = defaultdict(int)
    for day in first_days.values():
        acted_in[period_of(max(day, document_day), period)] += 1
    periods: list[tuple[str, int]] = []
    for day in range(document_day, last + 1):
        name = period_of(day, period)
        if not periods or periods[-1][0] != name:
            periods.append((name, day))
    at_risk = risk_set
    result = []
    for name, start in periods:
        acted = acted_in.get(name, 0)
        result.append(HazardPeriod(name, day_iso(start) or "", at_risk, acted, acted / at_risk if at_risk else None))
        at_risk -= acted
    return result
