"""Summaries the build keeps, for questions that would otherwise aggregate every notice.

- On each :Organization: ``documents`` (how many it issued), ``in_corpus`` and ``issued``
  (ten of them, in order) — read by the ``issuers`` question.
- On each :Province: ``weeks``/``week_counts`` and ``months``/``month_counts``, its notices
  per ISO week and per month — read by the ``timeline`` question.
- On one :Summary {kind: 'signers'} per signer, role, capacity and province: how many documents
  they signed and which, in date order — read by the ``signers`` question (the live aggregation
  over every signature took 0.8 s at 100k notices).
- On each cited :Document: ``first_provinces`` and ``first_days``, each province's first citing
  notice (its day number; provinces of 2021, dated notices only) — read by the ``first-citations``
  question and through it by ``leaders``, ``hazard`` and ``panel`` (the live aggregation over
  every citation took 0.75 s at 100k notices).
- On the ``RANKED`` most cited :Document nodes: ``cited_rank`` (1 for the most cited), in the order the
  ``most-cited`` question sorts them (notices, provinces, mentions, name) — read by that question
  over the whole period for any level and type (sorting every cited document took 55 ms at
  100k notices; the ranked ones are found through the index on ``cited_rank``).
- On one :Summary {key: 'co-citation'}: the ``TOP_PAIRS`` pairs of documents most often cited
  together, in the order the ``co-citation`` question sorts them (count, then names), so that
  any question for at most that many pairs is answered exactly from the list.

They are recomputed in full at the end of every build that changed something (about 3 s for
100,000 notices, the reads two at a time), so they are never out of step with the documents; a
build killed before that leaves a journal flag and the next build recomputes them. Writes made by hand with
``lexgraph cypher --write`` do not refresh them: run ``lexgraph build`` afterwards.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from graphbuild.stores.base import GraphStore, reads_at_once, write_rows
from graphbuild.stores.falkor_server import QUERY_TIMEOUT_MAX_MS

ISSUER_COUNTS = """
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)
WITH o, d ORDER BY coalesce(d.label, d.uid)
WITH o, count(d) AS documents, sum(CASE WHEN d.status = 'corpus' THEN 1 ELSE 0 END) AS in_corpus,
     collect(coalesce(d.label, d.uid))[0..10] AS issued
RETURN o.uid AS uid, documents, toInteger(in_corpus) AS in_corpus, issued
"""
ORGANIZATIONS_COUNTED = "MATCH (o:Organization) WHERE o.documents IS NOT NULL RETURN o.uid AS uid"
SET_ISSUER_COUNTS = "UNWIND $rows AS row MATCH (o:Organization {uid: row.uid}) SET o += row.props"
NOTICES_BY_PERIOD = """
MATCH (n:Document {status: 'corpus'})-[:IN_PROVINCE]->(p:Province)
WHERE n.day IS NOT NULL
RETURN p.uid AS uid, n.week AS week, n.month AS month, count(DISTINCT n) AS notices
"""
ALL_PROVINCES = "MATCH (p:Province) RETURN p.uid AS uid"
TOP_PAIRS = 1000
CO_CITED_PAIRS = """
MATCH (a:Document)<-[:CITES]-(n:Document {status: 'corpus'})-[:CITES]->(b:Document)
WHERE a.uid < b.uid
WITH a, b, count(DISTINCT n) AS notices
RETURN coalesce(a.label, a.uid) AS first, coalesce(b.label, b.uid) AS second, notices
ORDER BY notices DESC, first, second
LIMIT $top
"""
SET_CO_CITATION = (
    "MERGE (s:Summary {key: 'co-citation'}) SET s.firsts = $firsts, s.seconds = $seconds, s.counts = $counts, s.top = $top"
)
SET_PROVINCE_COUNTS = "UNWIND $rows AS row MATCH (p:Province {uid: row.uid}) SET p += row.props"


SIGNER_GROUPS = """
MATCH (p:Person)-[s:SIGNED]->(d:Document)
WITH p, s, d ORDER BY coalesce(d.date, d.meeting_date), coalesce(d.label, d.uid)
RETURN p.name AS signer, s.role AS role, s.capacity AS capacity, d.province AS province, count(d) AS documents,
       collect(coalesce(d.label, d.uid)) AS signed
"""
DELETE_SIGNER_GROUPS = "MATCH (g:Summary {kind: 'signers'}) DELETE g"
CREATE_SIGNER_GROUPS = "UNWIND $rows AS row CREATE (g:Summary {key: row.key}) SET g += row.props"


RANKED = 1000
MOST_CITED_ORDER = """
MATCH (d:Document) WHERE d.cited_by > 0
RETURN d.uid AS uid
ORDER BY d.cited_by DESC, d.citing_provinces DESC, d.mentions_total DESC, coalesce(d.label, d.uid), d.uid
LIMIT $top
"""
RANKED_NOW = "MATCH (d:Document) WHERE d.cited_rank > 0 RETURN d.uid AS uid, d.cited_rank AS rank"
SET_RANKS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) SET d.cited_rank = row.rank"
CLEAR_RANKS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) REMOVE d.cited_rank"


FIRST_CITATIONS = """
MATCH (d:Document)<-[:CITES]-(n:Document {status: 'corpus'})-[:IN_PROVINCE]->(q:Province)
WHERE n.day IS NOT NULL
WITH d, q.name AS province, min(n.day) AS first_day
RETURN d.uid AS uid, province, first_day
"""
DOCUMENTS_WITH_FIRSTS = "MATCH (d:Document) WHERE d.first_provinces IS NOT NULL RETURN d.uid AS uid, d.first_provinces AS provinces, d.first_days AS days"
SET_FIRSTS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) SET d.first_provinces = row.provinces, d.first_days = row.days"
CLEAR_FIRSTS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) REMOVE d.first_provinces, d.first_days"


def refresh_summaries(store: GraphStore) -> None:
    """Every summary read, then written. The slowest read (each province's first citation of each
    document) runs on a second connection while this one reads the rest: no summary reads what
    another writes, and the store answers two reads at once."""
    with reads_at_once(store, 1) as submit:
        firsts = submit(_read_first_citations)
        found = [(write, read(store)) for read, write in SUMMARIES]
        found.append((_write_first_citations, firsts.result()))
    for write, data in found:
        write(store, data)
    refresh_most_cited(store)


def refresh_most_cited(store: GraphStore) -> None:
    """``cited_rank`` on the ``RANKED`` most cited documents; only the ranks that moved are written."""
    ranked = {row["uid"]: rank for rank, row in enumerate(store.read(MOST_CITED_ORDER, {"top": RANKED}, timeout_ms=QUERY_TIMEOUT_MAX_MS), 1)}
    now = {row["uid"]: row["rank"] for row in store.read(RANKED_NOW)}
    gone = sorted(uid for uid in now if uid not in ranked)
    if gone:
        store.write(CLEAR_RANKS, {"uids": gone})
    write_rows(store, SET_RANKS, [{"uid": uid, "rank": rank} for uid, rank in ranked.items() if now.get(uid) != rank])


def _read_first_citations(store: GraphStore) -> dict[str, Any]:
    firsts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in store.read(FIRST_CITATIONS, timeout_ms=QUERY_TIMEOUT_MAX_MS):
        firsts[row["uid"]].append((row["province"], row["first_day"]))
    now = {row["uid"]: (row["provinces"], row["days"]) for row in store.read(DOCUMENTS_WITH_FIRSTS)}
    rows = []
    for uid, pairs in sorted(firsts.items()):
        pairs.sort()
        provinces, days = [p for p, _ in pairs], [d for _, d in pairs]
        if now.get(uid) != (provinces, days):  # (only what moved is written)
            rows.append({"uid": uid, "provinces": provinces, "days": days})
    return {"rows": rows, "stale": [uid for uid in now if uid not in firsts]}


def _write_first_citations(store: GraphStore, found: dict[str, Any]) -> None:
    stale = found["stale"]
    for start in range(0, len(stale), 5000):
        store.write(CLEAR_FIRSTS, {"uids": stale[start : start + 5000]})
    write_rows(store, SET_FIRSTS, found["rows"])


def _read_signers(store: GraphStore) -> list[dict[str, Any]]:
    rows = []
    for group in store.read(SIGNER_GROUPS, timeout_ms=QUERY_TIMEOUT_MAX_MS):
        identity = json.dumps([group["signer"], group["role"], group["capacity"], group["province"]], ensure_ascii=False)
        rows.append({"key": "signers:" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24], "props": {"kind": "signers", **group}})
    return rows


def _write_signers(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    store.write(DELETE_SIGNER_GROUPS)
    write_rows(store, CREATE_SIGNER_GROUPS, rows)


def _read_co_citation(store: GraphStore) -> list[dict[str, Any]]:
    # The store's byte order for ties is what the live query uses too, so the two agree exactly.
    return store.read(CO_CITED_PAIRS, {"top": TOP_PAIRS}, timeout_ms=QUERY_TIMEOUT_MAX_MS)


def _write_co_citation(store: GraphStore, pairs: list[dict[str, Any]]) -> None:
    store.write(
        SET_CO_CITATION,
        {"firsts": [p["first"] for p in pairs], "seconds": [p["second"] for p in pairs], "counts": [p["notices"] for p in pairs], "top": TOP_PAIRS},
    )


def _read_issuers(store: GraphStore) -> list[dict[str, Any]]:
    counted = {row["uid"]: row for row in store.read(ISSUER_COUNTS)}
    stale = [row["uid"] for row in store.read(ORGANIZATIONS_COUNTED) if row["uid"] not in counted]
    rows: list[dict[str, Any]] = [
        {"uid": uid, "props": {"documents": row["documents"], "in_corpus": row["in_corpus"], "issued": row["issued"]}}
        for uid, row in sorted(counted.items())
    ]
    return rows + [{"uid": uid, "props": {"documents": None, "in_corpus": None, "issued": None}} for uid in stale]


def _write_issuers(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    write_rows(store, SET_ISSUER_COUNTS, rows)


def _read_timeline(store: GraphStore) -> list[dict[str, Any]]:
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    months: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in store.read(NOTICES_BY_PERIOD):
        if row["week"]:
            weeks[row["uid"]][row["week"]] += row["notices"]
        if row["month"]:
            months[row["uid"]][row["month"]] += row["notices"]
    rows = []
    for uid in sorted(r["uid"] for r in store.read(ALL_PROVINCES)):
        by_week, by_month = sorted(weeks[uid].items()), sorted(months[uid].items())
        rows.append(
            {
                "uid": uid,
                "props": {
                    "weeks": [w for w, _ in by_week], "week_counts": [c for _, c in by_week],
                    "months": [m for m, _ in by_month], "month_counts": [c for _, c in by_month],
                },
            }
        )
    return rows


def _write_timeline(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    write_rows(store, SET_PROVINCE_COUNTS, rows)


# Each summary's read (of the graph as the build left it) and its write, in the order they run.
SUMMARIES: list[tuple[Callable[[GraphStore], Any], Callable[[GraphStore, Any], None]]] = [
    (_read_issuers, _write_issuers), (_read_timeline, _write_timeline), (_read_co_citation, _write_co_citation), (_read_signers, _write_signers),
]
