"""A person's title and name, a body's name, level and kind: as the latest document gives them (day,
then uid, then the file holding the relationship; an empty value taken from the next), on both stores."""

from __future__ import annotations

from typing import Any

from graphbuild.latest import refresh_organization_names, refresh_person_titles
from graphbuild.stores.base import GraphStore

DOCUMENTS = [  # uid, day (None: undated)
    ("d1", 10), ("d2", 20), ("d3", 30), ("d4", 40), ("d5", 40), ("d6", 50), ("d7", None),
]
# person, document, file, role, name as signed
SIGNATURES = [
    ("an", "d1", "a.txt", "Phó Chủ tịch", "Nguyễn Văn An"),
    ("an", "d2", "a.txt", "Chủ tịch", "Nguyễn Văn An"),
    ("binh", "d3", "a.txt", None, "Trần Thị Bình"),  # the latest leaves the role empty
    ("binh", "d1", "a.txt", "Giám đốc", "Tran Thi Binh"),
    ("cuong", "d4", "a.txt", "Phó Giám đốc", "Lê Cường"),
    ("cuong", "d5", "a.txt", "Giám đốc", "Lê Văn Cường"),  # same day: the larger uid
    ("dung", "d6", "b.txt", "Chánh Văn phòng", "Phạm Dũng"),
    ("dung", "d6", "a.txt", "Phó Chánh Văn phòng", "Phạm Văn Dũng"),  # same document: the first file
    ("em", "d7", "a.txt", "Trưởng ban", "Hoàng Em"),  # undated: before any dated one
    ("em", "d1", "a.txt", "Phó Trưởng ban", "Hoàng Văn Em"),
]
# document, person, file, title, name as mentioned
MENTIONS = [
    ("d2", "giang", "a.txt", "Bí thư Tỉnh ủy", "Đỗ Giang"),
    ("d3", "giang", "a.txt", None, "Đỗ Văn Giang"),
    ("d6", "an", "a.txt", "Ủy viên", "Nguyễn An"),  # signing comes first, however late the mention
]
# document, body, relationship, file, name, level
ADDRESSED = [
    ("d1", "so-y-te", "ISSUED_BY", "a.txt", "Sở Y tế", "tỉnh"),
    ("d6", "so-y-te", "SENT_TO", "a.txt", "Sở Y tế tỉnh Lâm Đồng", "huyện"),  # issuing comes first
    ("d3", "cac-so", "SENT_TO", "a.txt", "Các sở, ban, ngành", None),
    ("d4", "cac-so", "SENT_TO", "a.txt", None, "tỉnh"),
]


def _graph(store: GraphStore, signatures: list[tuple[Any, ...]] = SIGNATURES, mentions: list[tuple[Any, ...]] = MENTIONS) -> None:
    store.write("UNWIND $rows AS row CREATE (d:Document {uid: row.uid}) SET d.day = row.day", {"rows": [{"uid": u, "day": d} for u, d in DOCUMENTS]})
    people = sorted({p for p, *_ in signatures} | {p for _, p, *_ in mentions} | {"hai"})
    store.write("UNWIND $uids AS uid CREATE (:Person {uid: uid, name: 'as loaded', title: 'as loaded'})", {"uids": people})
    store.write("UNWIND $uids AS uid CREATE (:Organization {uid: uid, name: 'as loaded', kind: 'sở'})", {"uids": ["so-y-te", "cac-so", "unused"]})
    store.write(
        "UNWIND $rows AS row MATCH (p:Person {uid: row.person}), (d:Document {uid: row.document}) "
        "CREATE (p)-[s:SIGNED {source: row.file}]->(d) SET s.role = row.role, s.name = row.name",
        {"rows": [dict(zip(("person", "document", "file", "role", "name"), s)) for s in signatures]},
    )
    store.write(
        "UNWIND $rows AS row MATCH (p:Person {uid: row.person}), (d:Document {uid: row.document}) "
        "CREATE (d)-[m:MENTIONS {source: row.file}]->(p) SET m.title = row.title, m.name = row.name",
        {"rows": [dict(zip(("document", "person", "file", "title", "name"), m)) for m in mentions]},
    )
    for rel_type in ("ISSUED_BY", "SENT_TO"):
        rows = [dict(zip(("document", "body", "type", "file", "name", "level"), a)) for a in ADDRESSED if a[2] == rel_type]
        store.write(
            f"UNWIND $rows AS row MATCH (o:Organization {{uid: row.body}}), (d:Document {{uid: row.document}}) "
            f"CREATE (d)-[r:{rel_type} {{source: row.file}}]->(o) SET r.name = row.name, r.level = row.level",
            {"rows": rows},
        )


def _persons(store: GraphStore) -> dict[str, tuple[Any, Any]]:
    return {r["uid"]: (r["title"], r["name"]) for r in store.read("MATCH (p:Person) RETURN p.uid AS uid, p.title AS title, p.name AS name")}


def test_titles_and_names_come_from_the_latest_document(store: GraphStore) -> None:
    _graph(store)
    assert refresh_person_titles(store) == 7
    assert _persons(store) == {
        "an": ("Chủ tịch", "Nguyễn Văn An"),
        "binh": ("Giám đốc", "Trần Thị Bình"),  # the role from the next signature, the name from the latest
        "cuong": ("Giám đốc", "Lê Văn Cường"),
        "dung": ("Phó Chánh Văn phòng", "Phạm Văn Dũng"),
        "em": ("Phó Trưởng ban", "Hoàng Văn Em"),
        "giang": ("Bí thư Tỉnh ủy", "Đỗ Văn Giang"),  # mentioned only
        "hai": (None, "as loaded"),  # no document names them: no title, the name stays
    }
    assert refresh_person_titles(store) == 0  # nothing left to change: nothing written


def test_bodies_take_their_names_from_what_they_issued_first(store: GraphStore) -> None:
    _graph(store)
    assert refresh_organization_names(store) == 2
    found = {r["uid"]: (r["name"], r["level"], r["kind"]) for r in store.read("MATCH (o:Organization) RETURN o.uid AS uid, o.name AS name, o.level AS level, o.kind AS kind")}
    assert found == {
        "so-y-te": ("Sở Y tế", "tỉnh", "sở"),
        "cac-so": ("Các sở, ban, ngành", "tỉnh", "sở"),  # each value from the latest address that gives it
        "unused": ("as loaded", None, "sở"),  # nothing names it: as it was
    }
    assert refresh_organization_names(store) == 0


def test_the_answer_does_not_depend_on_the_order_relationships_were_made(store: GraphStore) -> None:
    _graph(store, SIGNATURES[::-1], MENTIONS[::-1])
    refresh_person_titles(store)
    assert _persons(store)["dung"] == ("Phó Chánh Văn phòng", "Phạm Văn Dũng")
    assert _persons(store)["cuong"] == ("Giám đốc", "Lê Văn Cường")
