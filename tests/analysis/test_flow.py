"""Leaders, laggards and hazard from the provinces' first citations, against a corpus whose order is
known by construction: on both stores, through the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphbuild.api import Lexgraph
from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.flow import hazard
from graphbuild.querylib import run_query
from graphbuild.stores.base import GraphStore

NOTICE = (
    "TỈNH ỦY {upper}\nSố {number}-TB/TU\n\n{province}, ngày {day} tháng {month} năm 2021\n\nTHÔNG BÁO\nvề việc phòng, chống dịch\n\n"
    "Thực hiện {cited} của Chính phủ, Ban Thường vụ Tỉnh ủy thông báo như sau.\n"
)
CITED = {"128": "Nghị quyết số 128/NQ-CP ngày 11/10/2021", "68": "Nghị quyết số 68/NQ-CP ngày 01/7/2021", "16": "Chỉ thị số 16/CT-TTg ngày 31/3/2020"}
# (province, document, day, month): Lâm Đồng always first, Điện Biên second, Cà Mau last
ORDER = [
    ("Lâm Đồng", "128", 12, 10), ("Điện Biên", "128", 20, 10), ("Cà Mau", "128", 21, 10),
    ("Lâm Đồng", "68", 5, 7), ("Điện Biên", "68", 9, 7), ("Cà Mau", "68", 30, 7),
    ("Lâm Đồng", "16", 2, 4), ("Điện Biên", "16", 3, 4), ("Cà Mau", "16", 15, 4),
]


def corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, (province, cited, day, month) in enumerate(ORDER):
        text = NOTICE.format(upper=province.upper(), number=100 + index, province=province, day=f"{day:02d}", month=month, cited=CITED[cited])
        (folder / f"{index:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_leaders_rank_the_first_and_the_last(store: GraphStore, tmp_path: Path) -> None:
    build(store, [corpus(tmp_path / "notices")], home=tmp_path / "home")
    rows = run_query(store, "first-citations", {"level": "central"})
    assert len(rows) == 9 and {r["province"] for r in rows} == {"Lâm Đồng", "Điện Biên", "Cà Mau"}
    scored = {leader.province: leader for leader in Lexgraph(store).leaders(min_provinces=3)}
    assert (scored["Lâm Đồng"].score, scored["Điện Biên"].score, scored["Cà Mau"].score) == (0.0, 0.5, 1.0)
    assert scored["Lâm Đồng"].documents == 3 and (scored["Lâm Đồng"].low, scored["Lâm Đồng"].high) == (0.0, 0.0)
    assert scored["Hà Nội"].score == 1.0 and scored["Hà Nội"].documents == 0  # never cited: last
    assert len(scored) == 63
    assert Lexgraph(store).leaders(min_provinces=4) == []  # no document four provinces cited
    assert len(run_query(store, "first-citations", {"level": "central", "from": "2021-01-01"})) == 6  # 16/CT-TTg is of 2020


def test_hazard_equals_a_hand_count(store: GraphStore, tmp_path: Path) -> None:
    build(store, [corpus(tmp_path / "notices")], home=tmp_path / "home")
    item, weeks = Lexgraph(store).hazard("128/NQ-CP", period="week")
    # 11/10/2021 is the Monday of ISO week 41: one province acted that week, two the week after
    assert [(w.period, w.at_risk, w.acted) for w in weeks] == [("2021-W41", 63, 1), ("2021-W42", 62, 2)]
    assert weeks[1].hazard == 2 / 62 and item.symbol == "128/NQ-CP"
    _, months = Lexgraph(store).hazard("68/NQ-CP", period="month")
    assert [(m.period, m.at_risk, m.acted) for m in months] == [("2021-07", 63, 3)]


def test_hazard_counts_the_periods_no_one_acted_in() -> None:
    day = 738074  # 2021-10-11
    periods = hazard(day, {"A": day + 1, "B": day + 15}, period="week")
    assert [(p.period, p.at_risk, p.acted) for p in periods] == [("2021-W41", 63, 1), ("2021-W42", 62, 0), ("2021-W43", 62, 1)]
    assert periods[1].hazard == 0.0


def test_the_commands(embedded_store: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    build(embedded_store, [corpus(tmp_path / "notices")], home=embedded_home / "build")
    runner = CliRunner()
    done = runner.invoke(main, ["leaders", "--min-provinces", "3", "--format", "json", "--home", str(embedded_home)])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)
    assert rows[0] == {"province": "Lâm Đồng", "score": 0.0, "documents": 3, "low": 0.0, "high": 0.0}
    done = runner.invoke(main, ["hazard", "128/NQ-CP", "16/CT-TTg", "--period", "month", "--format", "json", "--home", str(embedded_home)])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)
    assert [(r["period"], r["at_risk"], r["acted"]) for r in rows if "128" in r["document"]] == [("2021-10", 63, 3)]
    of_16 = [(r["period"], r["acted"]) for r in rows if "16" in r["document"]]
    assert len(of_16) == 14 and of_16[0] == ("2020-03", 0) and of_16[-1] == ("2021-04", 3)  # cited a year on, in April 2021
    refused = runner.invoke(main, ["leaders", "--from", "2021-13-01", "--home", str(embedded_home)])
    assert refused.exit_code == 2 and "không phải là ngày" in refused.output


def test_the_panel_has_one_row_per_province_and_period_at_risk(store: GraphStore, tmp_path: Path) -> None:
    from graphbuild.diffusion import diffusion

    build(store, [corpus(tmp_path / "notices")], home=tmp_path / "home")
    rows, undated = Lexgraph(store).panel(["128/NQ-CP"], period="week")
    assert undated == 0
    first = {a.province: a.first.date for a in diffusion(store, "128/NQ-CP").adoptions}  # the diffusion question's first citations
    by_province: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_province.setdefault(str(row["province"]), []).append(row)
    assert len(by_province) == 63
    for province, periods in by_province.items():
        acted = [r for r in periods if r["acted"]]
        if province in first:  # at risk until the week it first cited, then out
            assert len(acted) == 1 and acted[0] is periods[-1] and str(acted[0]["period_start"]) <= str(first[province])
        else:  # at risk in every week observed
            assert acted == [] and [r["period"] for r in periods] == ["2021-W41", "2021-W42"]
    assert len(rows) == 63 + 62
    week_two = [r for r in rows if r["period"] == "2021-W42"]
    assert {r["acted_before"] for r in week_two} == {1} and next(r for r in week_two if r["province"] == "Điện Biên")["lag_days"] == 7
    merged, _ = Lexgraph(store).panel(["128/NQ-CP"], period="week", provinces=2025)
    assert len({r["province"] for r in merged}) == 34


def test_the_readme_statsmodels_example_runs_on_a_panel(embedded_store: GraphStore, embedded_home: Path, tmp_path: Path, monkeypatch: object) -> None:
    import re

    from graphbuild.testing.corpus import generate
    from tests.conftest import ROOT

    build(embedded_store, [generate(400, tmp_path / "corpus")], home=embedded_home / "build")
    done = CliRunner().invoke(main, ["panel", "--level", "central", "--period", "month", "--out", str(tmp_path / "panel.csv"), "--home", str(embedded_home)])
    assert done.exit_code == 0, done.output
    parquet = CliRunner().invoke(main, ["panel", "--period", "month", "--out", str(tmp_path / "panel.parquet"), "--home", str(embedded_home)])
    assert parquet.exit_code == 0, parquet.output
    example = re.search(r"<!-- panel example -->\n```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert example is not None, "the README shows a statsmodels example on the panel"
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    scope: dict[str, object] = {}
    exec(compile(example.group(1), "README.md", "exec"), scope)
    model = scope["model"]
    assert model.nobs > 1000 and "lag_days" in model.params.index  # type: ignore[attr-defined]
    import pandas as pd

    assert pd.read_parquet(tmp_path / "panel.parquet").shape == pd.read_csv(tmp_path / "panel.csv").shape


def test_the_diffusion_chart_draws_the_hazard_under_the_curve(browser: object, embedded_store: GraphStore, tmp_path: Path) -> None:
    from graphbuild.diffusion import diffusion
    from tests.browser import PLOTS_READY, open_page
    from viz.pages import generate_diffusion_page

    build(embedded_store, [corpus(tmp_path / "notices")], home=tmp_path / "home")
    path = tmp_path / "chart.html"
    path.write_text(generate_diffusion_page([diffusion(embedded_store, "128/NQ-CP")]), encoding="utf-8")
    page, seen = open_page(browser, path, PLOTS_READY, width=1440, height=900)
    bars = page.evaluate("document.getElementById('diffusion').data.filter(t => t.type === 'bar').map(t => ({x: t.x, y: t.y, name: t.name}))")
    assert len(bars) == 1 and "hazard" in bars[0]["name"]
    assert bars[0]["x"] == ["2021-10-11", "2021-10-18"] and bars[0]["y"] == [round(100 / 63, 1), round(200 / 62, 1)]  # the hand count above
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()
