"""A question's plan, as each store makes it (``GraphStore.plan``): a look-up by key starts from
an index, a filter on an unindexed property scans the label; ``bench/query_plans.py`` prints
this for every library question."""

from __future__ import annotations

from graphbuild.stores.base import FULL_SCANS, GraphStore


def _scans(steps: list[str]) -> list[str]:
    return [step.strip() for step in steps if step.strip().split(" |")[0] in FULL_SCANS]


def test_a_look_up_by_key_uses_the_index_and_a_filter_on_another_property_scans(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("CREATE (:Document {uid: 'a', subject: 'x'})")
    by_key = store.plan("MATCH (d:Document {uid: $uid}) RETURN d.subject AS subject", {"uid": "a"})
    assert by_key and _scans(by_key) == [], by_key
    by_subject = store.plan("MATCH (d:Document) WHERE d.subject = $subject RETURN d.uid AS uid", {"subject": "x"})
    assert len(_scans(by_subject)) == 1, by_subject
    assert store.read("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 1}], "planning runs nothing"
