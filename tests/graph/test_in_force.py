"""A document that a later notice of the corpus replaces or repeals is no longer in force: marked on
both stores, listed by the stale-citations question for the notices that still cite it after that
day, and unmarked again when the replacing notice's file goes (an incremental build equals a clean one)."""

from __future__ import annotations

from pathlib import Path

from graphbuild.build import build
from graphbuild.querylib import run_query
from graphbuild.stores.base import GraphStore
from graphbuild.testing.crash import dump

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: {number}/QĐ-UBND\n\nLâm Đồng, ngày {day} tháng {month} năm 2021\n\nQUYẾT ĐỊNH\nvề việc {subject}\n\n"
REPLACING = HEAD.format(number=40, day="01", month="03", subject="phòng, chống dịch") + (
    "Điều 1. Quyết định này thay thế Quyết định số 03/QĐ-UBND ngày 01/02/2021 của UBND tỉnh.\n"
)
STILL_CITING = HEAD.format(number=55, day="15", month="04", subject="cách ly") + "Điều 1. Thực hiện Quyết định số 03/QĐ-UBND ngày 01/02/2021 của UBND tỉnh.\n"
EARLIER = HEAD.format(number=21, day="10", month="02", subject="xét nghiệm") + "Điều 1. Thực hiện Quyết định số 03/QĐ-UBND ngày 01/02/2021 của UBND tỉnh.\n"


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("55.txt", STILL_CITING), ("21.txt", EARLIER), ("40.txt", REPLACING)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def replaced(store: GraphStore) -> list[dict[str, object]]:
    return store.read("MATCH (x:Document) WHERE x.in_force = false RETURN x.canonical AS symbol, x.replaced_by AS by, x.replaced_on AS on")


def test_a_replaced_document_is_marked_and_its_later_citations_listed(store: GraphStore, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "notices")
    build(store, [folder], home=tmp_path / "home")
    [mark] = replaced(store)
    assert mark["symbol"] == "03/QĐ-UBND" and mark["on"] == "2021-03-01" and str(mark["by"]).endswith("40/QĐ-UBND@2021")
    rows = run_query(store, "stale-citations", {})
    assert [(r["date"], r["relation"], r["replaced_on"]) for r in rows] == [("2021-04-15", "implements", "2021-03-01")]  # not the notice of February
    assert run_query(store, "stale-citations", {"province": "Điện Biên"}) == []


def test_the_mark_goes_with_the_replacing_file_and_incremental_equals_clean(store: GraphStore, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "notices")
    build(store, [folder], home=tmp_path / "home")
    (folder / "40.txt").unlink()
    build(store, [folder], home=tmp_path / "home", prune=True)
    assert replaced(store) == [] and run_query(store, "stale-citations", {}) == []
    incremental = dump(store)
    store.clear()
    build(store, [folder], home=tmp_path / "clean-home")
    assert dump(store) == incremental
