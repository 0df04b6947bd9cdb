"""The diffusion of a central document, its chart, the province map and the report: against the
generator's truth, on both stores, and in a real headless Chromium with the network refused."""

from __future__ import annotations

import datetime as dt
import gc
import json
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.diffusion import CitingNotice, Diffusion, ProvinceAdoption, diffusion, lag_quartiles, merged_2025
from graphbuild.errors import SelectionError
from graphbuild.stores.base import GraphStore
from graphbuild.tables import provinces
from graphbuild.testing.corpus import generate
from tests.browser import PLOTS_READY, open_page
from viz.diffusion_chart import vn_date
from viz.pages import generate_diffusion_page, generate_province_map_page, generate_report, generate_report_markdown
from viz.pictures import diffusion_picture, province_map_picture
from viz.province_map import NEVER_COLOUR, tile_values
from viz.province_tiles import tiles

CHECKED = ("128/NQ-CP", "16/CT-TTg", "4800/QĐ-BYT", "10-TB/VPTW")
XSS = "<img src=x onerror=\"window.__pwned = 1; alert('x')\"><script>window.__pwned = 2</script>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(300, tmp_path_factory.mktemp("diffusion") / "corpus", seed=21)


def expected_firsts(corpus: Path, symbol: str) -> tuple[dict[str, str], str | None, int]:
    """From the generator's truth: province → date of its first notice citing ``symbol``; the document's date; notices."""
    firsts: dict[str, str] = {}
    document_date = None
    notices = 0
    for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        notice = json.loads(line)
        cited = [c for c in notice["citations"] if c["canonical"] == symbol]
        if cited:
            notices += 1
            document_date = cited[0]["date"]
            if notice["province"] not in firsts or notice["date"] < firsts[notice["province"]]:
                firsts[notice["province"]] = notice["date"]
    return firsts, document_date, notices


@pytest.fixture
def built(embedded_store: GraphStore, corpus: Path, tmp_path: Path) -> GraphStore:
    build(embedded_store, [corpus], home=tmp_path / "lock")
    return embedded_store


def test_diffusion_matches_the_generators_truth_on_both_stores(store: GraphStore, corpus: Path, tmp_path: Path) -> None:
    build(store, [corpus], home=tmp_path / "lock")
    checked = 0
    for symbol in CHECKED:
        firsts, document_date, notices = expected_firsts(corpus, symbol)
        if not firsts:
            continue
        checked += 1
        item = diffusion(store, symbol)
        assert item.date == document_date
        assert {a.province: a.first.date for a in item.adoptions} == firsts
        assert item.citing_notices == notices
        for adoption in item.adoptions:
            expected_lag = (dt.date.fromisoformat(firsts[adoption.province]) - dt.date.fromisoformat(document_date)).days
            assert adoption.lag_days == expected_lag
        assert [a.first.day for a in item.adoptions] == sorted(a.first.day for a in item.adoptions), "ordered by first citation"
        assert set(item.never) == {p.name for p in provinces()} - set(firsts)
        lags = sorted((dt.date.fromisoformat(d) - dt.date.fromisoformat(document_date)).days for d in firsts.values())
        assert item.quartiles == lag_quartiles(lags)
        curve = item.adoption_curve()
        assert [count for _, count, _ in curve] == list(range(1, len(firsts) + 1))
        assert curve[-1][2] == pytest.approx(len(firsts) / 63)
    assert checked >= 3


def test_any_spelling_and_clear_errors(built: GraphStore) -> None:
    assert diffusion(built, "128/NQ-CP").uid == diffusion(built, "128 / NQ-CP").uid
    with pytest.raises(SelectionError, match="999/NQ-CP"):
        diffusion(built, "999/NQ-CP")


def test_lag_quartiles() -> None:
    assert lag_quartiles([]) is None
    assert lag_quartiles([7]) == (7.0, 7.0, 7.0)
    assert lag_quartiles([1, 2, 3, 10]) == (1.75, 2.5, 4.75)


def test_tiles_keep_the_country_in_shape() -> None:
    for year, count in ((2021, 63), (2025, 34)):
        placed = tiles(year)
        assert len(placed) == count and len({(t.row, t.col) for t in placed}) == count, "one province per tile"
        row = {t.name: t.row for t in placed}
        col = {t.name: t.col for t in placed}
        assert row["Cao Bằng"] < row["Hà Nội"] < row["Nghệ An"] < row["Đà Nẵng"] < row["Đắk Lắk"] < row["Cần Thơ"] <= row["Cà Mau"]
        assert col["Điện Biên"] < col["Hà Nội"] < col["Quảng Ninh"]
        assert sorted(m for t in placed for m in t.members) == sorted(p.name for p in provinces()), "every province of 2021 once"
    assert tiles(2021) == tiles(2021)


def _adoption(province: str, date: str, day_of_document: int, label: str = "1-TB/TU") -> ProvinceAdoption:
    day = dt.date.fromisoformat(date).toordinal()
    notice = CitingNotice(label, f"uid:{province}", province, "provincial", date, day, "implements", day - day_of_document)
    return ProvinceAdoption(province, "", (notice,))


def _made_up(label: str = "128/NQ-CP", notices: tuple[tuple[str, str], ...] = (("Hà Giang", "2021-10-20"), ("Thái Bình", "2021-10-25"), ("Cà Mau", "2021-11-02"))) -> Diffusion:
    day = dt.date(2021, 10, 11).toordinal()
    adoptions = tuple(_adoption(p, d, day) for p, d in notices)
    acted = {p for p, _ in notices}
    return Diffusion(
        uid=f"doc:{label}", symbol=label, label=label, type="Nghị quyết", issuer="Chính phủ", subject="thích ứng an toàn", date="2021-10-11", day=day,
        adoptions=adoptions, never=tuple(p.name for p in provinces() if p.name not in acted), undated=(), province_count=63,
    )


def test_merged_provinces_act_with_their_first_member() -> None:
    merged = {name: (first, count) for name, first, count in merged_2025(_made_up())}
    assert len(merged) == 34
    assert merged["Tuyên Quang"][0] is not None and merged["Tuyên Quang"][0].province == "Hà Giang"  # Hà Giang merged into Tuyên Quang
    assert merged["Hưng Yên"][0] is not None and merged["Hưng Yên"][1] == 1  # Thái Bình merged into Hưng Yên
    assert merged["Hà Nội"] == (None, 0)


def test_province_map_colours_the_right_tiles_in_the_browser(browser: Any, built: GraphStore, tmp_path: Path) -> None:
    item = diffusion(built, "128/NQ-CP")
    path = tmp_path / "map.html"
    path.write_text(generate_province_map_page(item, "lag", 2021), encoding="utf-8")
    page, seen = open_page(browser, path, PLOTS_READY, width=1440, height=900)
    shapes = page.evaluate("document.getElementById('province-map').layout.shapes.map(s => [s.name, s.fillcolor])")
    assert len(shapes) == 63
    acted = {a.province for a in item.adoptions}
    assert acted, "the corpus cites 128/NQ-CP"
    for name, colour in shapes:
        assert (colour != NEVER_COLOUR) == (name in acted), name
    expected = {v.tile.name: v.value for v in tile_values(item, "lag", 2021)}
    hover = page.evaluate("document.getElementById('province-map').data[0].hovertext")
    first = item.adoptions[0]
    assert any(first.province in h and f"Độ trễ: {first.lag_days} ngày" in h for h in hover)
    assert expected[first.province] == first.lag_days
    # the switch to the 34 provinces after the 2025 merger
    page.get_by_text("34 tỉnh (sau sáp nhập 2025)").click()
    page.wait_for_function("document.getElementById('province-map').layout.shapes.length === 34")
    merged_acted = {name for name, first_notice, _ in merged_2025(item) if first_notice is not None}
    for name, colour in page.evaluate("document.getElementById('province-map').layout.shapes.map(s => [s.name, s.fillcolor])"):
        assert (colour != NEVER_COLOUR) == (name in merged_acted), name
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.screenshot(path=str(tmp_path / "map.png"))
    page.context.close()


def test_diffusion_chart_shows_each_provinces_first_citation(browser: Any, built: GraphStore, corpus: Path, tmp_path: Path) -> None:
    items = [diffusion(built, symbol) for symbol in ("15/CT-TTg", "16/CT-TTg")]
    single = tmp_path / "one.html"
    single.write_text(generate_diffusion_page(items[1:]), encoding="utf-8")
    page, seen = open_page(browser, single, PLOTS_READY, width=1440, height=900)
    traces = page.evaluate("document.getElementById('diffusion').data.map(t => ({name: t.name, x: t.x, y: t.y}))")
    firsts, _, _ = expected_firsts(corpus, "16/CT-TTg")
    drawn = {y: x for t in traces if t["name"].startswith("Văn bản đầu tiên") for x, y in zip(t["x"], t["y"])}
    assert drawn == firsts
    rows = page.evaluate("Array.from(document.querySelectorAll('table.firsts tbody tr')).map(r => [r.dataset.province, r.cells[4].textContent])")
    assert {p: d for p, d in rows} == {p: vn_date(d) for p, d in firsts.items()}
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()
    compared = tmp_path / "compare.html"
    compared.write_text(generate_diffusion_page(items), encoding="utf-8")
    page, seen = open_page(browser, compared, PLOTS_READY, width=1440, height=900)
    names = page.evaluate("document.getElementById('diffusion').data.map(t => t.name)")
    assert {"15/CT-TTg: % tỉnh đã trích dẫn", "16/CT-TTg: % tỉnh đã trích dẫn"} <= set(names)
    assert seen == {"requests": [], "dialogs": [], "errors": []}
    page.context.close()


def test_text_from_notices_never_runs(browser: Any, tmp_path: Path) -> None:
    item = _made_up(label=f"128/NQ-CP {XSS}", notices=(("Hà Giang", "2021-10-20"),))
    item = Diffusion(**{**item.__dict__, "subject": XSS, "adoptions": (_adoption("Hà Giang", "2021-10-20", item.day or 0, label=XSS),)})
    for name, html in (("report", generate_report([item])), ("chart", generate_diffusion_page([item])), ("map", generate_province_map_page(item))):
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page, seen = open_page(browser, path, PLOTS_READY, width=1440, height=900)
        page.mouse.move(400, 400)
        assert seen == {"requests": [], "dialogs": [], "errors": []}, name
        assert page.evaluate("window.__pwned") is None and page.evaluate("document.querySelectorAll('img').length") == 0, name
        assert "<img src=x" in page.inner_text("body"), f"{name}: the text is shown as written"
        page.context.close()
    markdown = generate_report_markdown([item])
    assert "<img" not in markdown and "&lt;img src=x" in markdown


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_pictures_have_title_legend_and_date(fmt: str, tmp_path: Path) -> None:
    item = _made_up()
    chart = diffusion_picture([item], fmt=fmt)
    tile_map = province_map_picture(item, "notices", 2025, fmt=fmt)
    if fmt == "svg":
        for picture in (chart, tile_map):
            text = picture.decode("utf-8")
            assert "128/NQ-CP" in text and "vẽ ngày" in text
        chart_text, map_text = chart.decode("utf-8"), tile_map.decode("utf-8")
        assert "Lan tỏa của Nghị quyết 128/NQ-CP" in chart_text and "Chú giải" in chart_text and "Văn bản đầu tiên — thực hiện" in chart_text
        assert "Bản đồ tỉnh" in map_text and "Chưa trích dẫn" in map_text and "34 tỉnh sau sáp nhập 2025" in map_text
    else:
        import io

        import matplotlib.image as image

        for picture in (chart, tile_map):
            assert picture.startswith(b"\x89PNG")
            pixels = image.imread(io.BytesIO(picture))
            assert float(pixels[..., :3].std()) > 0.05


def test_cli_diffusion_map_and_report(built: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    home = ["--home", str(embedded_home)]
    result = runner.invoke(main, ["diffusion", "15/CT-TTg", "16/CT-TTg", "--out", str(tmp_path / "d.svg"), *home])
    assert result.exit_code == 0, result.output
    assert "15/CT-TTg:" in result.output and "tỉnh đã có văn bản trích dẫn" in result.output
    assert (tmp_path / "d.svg").read_text(encoding="utf-8").startswith("<?xml")
    result = runner.invoke(main, ["province-map", "128/NQ-CP", "--measure", "notices", "--provinces", "2025", "--out", str(tmp_path / "m.html"), *home])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert '"active":1' in page and page.count('"type":"rect"') == 34 + 63 + 34, "the 34 provinces shown; both years in the switch"
    gc.collect()  # (earlier tests' leftovers finalised now, not inside the window below)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = runner.invoke(main, ["report", "128/NQ-CP", "16/CT-TTg", "68/NQ-CP", "10-TB/VPTW", "--out", str(tmp_path / "brief.html"), *home])
    assert result.exit_code == 0, result.output
    # What Python shows a user by default: not the kinds it hides (a finaliser's ResourceWarning is
    # reported at whatever line happens to run, a library's frame as well as any)
    hidden = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
    library = [w for w in shown if ("matplotlib" in w.filename or "pictures" in w.filename) and not issubclass(w.category, hidden)]
    assert not library, f"no library warning reaches the analyst: {[(w.filename, w.lineno, w.category.__name__, str(w.message)) for w in library]}"
    markdown = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert markdown.count("## ") == 4 and "(brief-hinh/ban-do-tinh-1.svg)" in markdown
    assert (tmp_path / "brief-hinh" / "lan-toa.svg").exists()
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert html.count('class="document"') == 4 and "<script src=" not in html, "one self-contained page"
    for bad, message in ((["diffusion", "999/NQ-CP"], "999/NQ-CP"), (["diffusion", "128/NQ-CP", "--out", str(tmp_path / "x.txt")], ".html, .png, .svg")):
        if "--out" not in bad:
            bad = [*bad, "--out", str(tmp_path / "x.html")]
        result = runner.invoke(main, [*bad, *home])
        assert result.exit_code != 0 and message in result.output
        assert "Traceback" not in result.output


def test_undated_notices_are_counted_not_placed() -> None:
    item = _made_up()
    undated = CitingNotice("5-TB/TU", "u5", None, "provincial", None, None, "refers", None)
    item = Diffusion(**{**item.__dict__, "undated": (undated,)})
    assert item.citing_notices == 4 and "1 chưa rõ ngày hoặc tỉnh" in item.summary()
    by_province: dict[str, int] = defaultdict(int)
    for adoption in item.adoptions:
        by_province[adoption.province] += len(adoption.notices)
    assert sum(by_province.values()) == 3


def test_python_api(built: GraphStore, embedded_home: Path, tmp_path: Path) -> None:
    import graphbuild

    with graphbuild.connect(embedded_home) as graph:
        spread = graph.diffusion("128/NQ-CP")
        assert spread.label == "128/NQ-CP" and len(spread.adoptions) + len(spread.never) == 63
        written = graph.report("128/NQ-CP", out=tmp_path / "brief.html")
    assert [p.name for p in written] == ["brief.html", "brief.md", "brief-hinh"]
    assert "Văn bản đầu tiên của mỗi tỉnh" in (tmp_path / "brief.html").read_text(encoding="utf-8")


def test_a_brief_with_many_documents_draws_without_the_librarys_warnings() -> None:
    """Four documents none of the 63 provinces cited: the long footer and summary fit the page, and no
    matplotlib warning reaches the analyst's terminal."""
    from graphbuild.diffusion import Diffusion
    from graphbuild.tables import provinces
    from viz.pictures import diffusion_picture

    never = tuple(p.name for p in provinces())
    items = [Diffusion(f"{n}/NQ-CP@2021", f"{n}/NQ-CP", f"Nghị quyết {n}/NQ-CP", "Nghị quyết", "Chính phủ", None, "2021-07-01", None, (), never, (), 63)
             for n in (68, 105, 126, 128)]
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        picture = diffusion_picture(items, "svg")
    assert picture.startswith(b"<?xml")
    assert [str(w.message) for w in shown] == []
