"""On a generated corpus with planted structure (64 central documents, the 63 provinces of 2021):
the leaders score ranks the planted leaders in the top 10 and the laggards in the bottom 10, the
follower inference recovers the planted pairs with few false ones, every relation cue is typed as
planted, and every planted replacement takes its document out of force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.api import Lexgraph
from graphbuild.build import build
from graphbuild.pipeline import extract_path
from graphbuild.stores.base import GraphStore
from graphbuild.testing.flow_corpus import generate_flow


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = generate_flow(tmp_path_factory.mktemp("flow") / "corpus", documents=64)
    return folder, json.loads((folder / "planted.json").read_text(encoding="utf-8"))


def test_leaders_followers_and_replacements_are_found_as_planted(embedded_store: GraphStore, tmp_path: Path, planted: tuple[Path, dict]) -> None:
    folder, truth = planted
    build(embedded_store, [folder], home=tmp_path / "home")
    lexgraph = Lexgraph(embedded_store)
    ranked = [leader.province for leader in lexgraph.leaders(min_provinces=10)]
    assert len(ranked) == 63
    assert set(truth["leaders"]) <= set(ranked[:10]) and set(truth["laggards"]) <= set(ranked[-10:])
    found = {(f.leader, f.follower) for f in lexgraph.followers(window=truth["window"])}
    planted_pairs = {tuple(pair) for pair in truth["followers"]}
    recovered = len(found & planted_pairs) / len(planted_pairs)
    precision = len(found & planted_pairs) / max(len(found), 1)
    assert recovered >= 0.8 and precision >= 0.8, (sorted(found), sorted(planted_pairs))
    out_of_force = embedded_store.read("MATCH (x:Document) WHERE x.in_force = false RETURN x.canonical AS symbol, x.province AS province")
    assert sorted((r["province"], r["symbol"]) for r in out_of_force) == sorted((r["province"], r["symbol"]) for r in truth["replaced"])


def test_every_relation_cue_is_typed_as_planted(planted: tuple[Path, dict]) -> None:
    folder, truth = planted
    wrong = []
    for row in truth["relations"][:: 7]:  # every cue, in every position of the corpus (a seventh of the notices)
        (record,) = extract_path(folder / row["file"]).records
        typed = {c.canonical: c.relation for c in record.citations}
        if typed.get(row["cited"]) != row["relation"]:
            wrong.append((row["file"], row["cited"], row["relation"], typed.get(row["cited"])))
    assert {row["relation"] for row in truth["relations"][::7]} == {
        "legal_basis", "implements", "refers", "guides", "replies", "replaces", "repeals", "amends", "corrects", "consolidates",
    }
    assert wrong == []


def test_the_leaders_map_in_the_browser(browser: object, embedded_store: GraphStore, embedded_home: Path, tmp_path: Path, planted: tuple[Path, dict]) -> None:
    from click.testing import CliRunner

    from graphbuild.cli import main
    from tests.browser import PLOTS_READY, open_page

    folder, truth = planted
    build(embedded_store, [folder], home=embedded_home / "build")
    runner = CliRunner()
    home = ["--home", str(embedded_home)]
    done = runner.invoke(main, ["province-map", "--measure", "leaders", "--window", str(truth["window"]), "--out", str(tmp_path / "leaders.html"), *home])
    assert done.exit_code == 0, done.output
    page, seen = open_page(browser, tmp_path / "leaders.html", PLOTS_READY, width=1440, height=900)
    shapes = page.evaluate("document.getElementById('leaders-map').layout.shapes.map(s => [s.name, s.fillcolor])")
    assert len(shapes) == 63
    colour = dict(shapes)
    assert all(colour[p] != colour[q] for p in truth["leaders"] for q in truth["laggards"])  # leaders and laggards apart
    arrows = page.evaluate("document.getElementById('leaders-map').layout.annotations.map(a => a.hovertext)")
    assert len(arrows) == len(truth["followers"])
    assert all(any(f"{a} → {b}" in text for text in arrows) for a, b in truth["followers"])
    rows = page.evaluate("Array.from(document.querySelectorAll('table.leaders tbody tr')).map(r => r.dataset.province)")
    assert set(rows[:10]) >= set(truth["leaders"])
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()
    for suffix in ("png", "svg"):
        done = runner.invoke(main, ["province-map", "--measure", "leaders", "--out", str(tmp_path / f"leaders.{suffix}"), *home])
        assert done.exit_code == 0 and (tmp_path / f"leaders.{suffix}").stat().st_size > 10_000, done.output
    assert runner.invoke(main, ["province-map", "128/NQ-CP", "--measure", "leaders", "--out", str(tmp_path / "x.html"), *home]).exit_code == 2
    assert runner.invoke(main, ["province-map", "--out", str(tmp_path / "x.html"), *home]).exit_code == 2
