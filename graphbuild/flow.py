"""Policy flow as researchers of diffusion measure it, from each province's first citation of each
central document (the ``first-citations`` question, the same rows on both stores):

- **leaders**: per province, the mean normalised rank of its first citation over every document
  that at least ``min_provinces`` provinces cited (0 = first, 1 = last; a province that never
  cited it counts 1), the number of those documents it cited, and a bootstrap interval over the
  documents (resampled with replacement, a fixed seed: the same interval every run);
- **hazard**: per week or month from a document's date, the provinces still at risk at the start
  of the period (of the 63 of 2021), how many acted in it, and the hazard rate acted / at risk;
- **an event-history panel**: one row per province × document × period at risk, from the
  document's date until the province first cites it (then it leaves the risk set) or the end of
  observation, in the shape discrete-time hazard models take (a logit on ``acted``).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphbuild.dates import day_iso
from graphbuild.errors import LexgraphError
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


# The day of the corpus's last dated notice (the end of observation by default), and the citing
# notices a panel leaves out because they have no date
LAST_NOTICE_DAY = "MATCH (n:Document {status: 'corpus'}) WHERE n.day IS NOT NULL RETURN max(n.day) AS last"
UNDATED_CITERS = """
MATCH (d:Document {level: $level})<-[:CITES]-(n:Document {status: 'corpus'})
WHERE n.day IS NULL
RETURN count(DISTINCT n) AS undated
"""
PANEL_COLUMNS = (
    "document", "symbol", "province", "region", "province_2025", "period", "period_start", "lag_days", "acted",
    "acted_before", "acted_before_in_region",
)


def panel(rows: list[dict[str, Any]], *, until: int, period: str = "week", provinces_of: int = 2021) -> list[dict[str, Any]]:
    """The event-history panel of the ``first-citations`` rows, observed until the day ``until``.

    With ``provinces_of=2025`` the units are the 34 provinces after the 2025 merger: one acts when the
    first of its provinces of 2021 does. ``acted_before`` counts the units that had acted before the
    period began, ``acted_before_in_region`` those of its region (the region of 2021; a merged
    province takes the region of its first part).
    """
    units = _units(provinces_of)
    documents: dict[str, dict[str, Any]] = {}
    for row in rows:
        document = documents.setdefault(row["document_uid"], {"label": row["document"], "symbol": row.get("symbol"), "day": row["document_day"], "first": {}})
        unit = units["of"].get(row["province"])
        if unit is not None:
            document["first"][unit] = min(row["first_day"], document["first"].get(unit, row["first_day"]))
    result: list[dict[str, Any]] = []
    for uid in sorted(documents, key=lambda u: (documents[u]["day"], u)):
        document = documents[uid]
        starts = _period_starts(document["day"], until, period)
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else until + 1
            before = {u for u, day in document["first"].items() if day < start}
            for unit in units["names"]:
                first = document["first"].get(unit)
                if unit in before:
                    continue  # acted in an earlier period: out of the risk set
                result.append({
                    "document": document["label"], "symbol": document["symbol"], "province": unit, "region": units["region"][unit],
                    "province_2025": units["successor"][unit], "period": period_of(start, period), "period_start": day_iso(start),
                    "lag_days": start - document["day"], "acted": int(first is not None and first < end),
                    "acted_before": len(before), "acted_before_in_region": sum(1 for u in before if units["region"][u] == units["region"][unit]),
                })
    return result


def _period_starts(first: int, last: int, period: str) -> list[int]:
    """The first day of each period from ``first`` (the document's day) to ``last``."""
    starts: list[int] = []
    for day in range(first, last + 1):
        if not starts or period_of(day, period) != period_of(starts[-1], period):
            starts.append(day)
    return starts


def _units(provinces_of: int) -> dict[str, Any]:
    table = provinces()
    if provinces_of == 2021:
        names = [p.name for p in table]
        return {"names": names, "of": {n: n for n in names}, "region": {p.name: p.region for p in table},
                "successor": {p.name: p.successor_2025 for p in table}}
    if provinces_of != 2025:
        raise ValueError(f"provinces of {provinces_of}: 2021 or 2025")
    names = sorted({p.successor_2025 for p in table})
    region: dict[str, str] = {}
    for p in table:
        region.setdefault(p.successor_2025, p.region)
    return {"names": names, "of": {p.name: p.successor_2025 for p in table}, "region": region, "successor": {n: n for n in names}}


def write_panel(rows: list[dict[str, Any]], out: Path) -> None:
    """An analysis table as CSV (UTF-8 without a byte-order mark, for R and Stata) or Parquet (pyarrow)."""
    if out.suffix.lower() == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as err:
            raise LexgraphError("Parquet needs pyarrow: pip install 'lexgraph[analysis]' (or write --out panel.csv).") from err
        columns = {name: [row[name] for row in rows] for name in PANEL_COLUMNS}
        pq.write_table(pa.table(columns), out)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=PANEL_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


@dataclass(frozen=True)
class Follower:
    leader: str  # acts first
    follower: str  # acts within the window after it, more often than their own timings explain
    together: int  # documents where the follower acted within the window after the leader
    expected: float  # the mean of that count when each province's lags are shuffled across documents
    z: float

    def row(self) -> dict[str, Any]:
        return {"leader": self.leader, "follower": self.follower, "together": self.together,
                "expected": round(self.expected, 2), "z": round(self.z, 1)}


FOLLOWER_PERMUTATIONS = 200
FOLLOWER_Z = 5.0


def followers(rows: list[dict[str, Any]], *, window: int = 7, min_together: int = 5, permutations: int = FOLLOWER_PERMUTATIONS, z: float = FOLLOWER_Z) -> list[Follower]:
    """Who follows whom: an edge A → B when B's first citation falls within ``window`` days after A's
    in more documents than each province's own timing explains.

    The estimator is a permutation test (a simpler stand-in for NetInf's cascade likelihood, Gomez
    Rodriguez, Leskovec and Krause, 2010): the count of documents where B acted 1 to ``window`` days
    after A is compared with its distribution when each province's lags are shuffled across the
    documents (which keeps how early or late each province usually acts, and breaks who acts right
    after whom). An edge needs ``min_together`` documents and a z-score of ``z`` over that
    distribution (63 × 62 pairs are tested: a strict bar keeps chance pairs out); a fixed seed gives
    the same network every run.
    """
    import numpy as np

    by_document = first_citations(rows)
    names = sorted({p for days in by_document.values() for p in days})
    if len(by_document) < 2 or len(names) < 2:
        return []
    index = {name: i for i, name in enumerate(names)}
    document_days = {row["document_uid"]: row["document_day"] for row in rows}
    lags = np.full((len(by_document), len(names)), np.nan)
    for d, (uid, days) in enumerate(sorted(by_document.items())):
        for province, day in days.items():
            lags[d, index[province]] = day - document_days[uid]

    def together(matrix: Any) -> Any:
        gaps = matrix[:, None, :] - matrix[:, :, None]  # [d, a, b] = lag of b - lag of a
        with np.errstate(invalid="ignore"):
            return ((gaps > 0) & (gaps <= window)).sum(axis=0)

    observed = together(lags)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    draws = np.stack([together(np.stack([rng.permutation(column) for column in lags.T], axis=1)) for _ in range(permutations)])
    mean, spread = draws.mean(axis=0), np.maximum(draws.std(axis=0), 1.0)
    scores = (observed - mean) / spread
    found = [
        Follower(names[a], names[b], int(observed[a, b]), float(mean[a, b]), float(scores[a, b]))
        for a, b in zip(*np.nonzero((observed >= min_together) & (scores >= z)), strict=True)
    ]
    return sorted(found, key=lambda f: (-f.z, f.leader, f.follower))
