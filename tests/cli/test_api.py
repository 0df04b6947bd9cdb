"""The Python API as a notebook user meets it: connect, ask, frame, map."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild import Lexgraph, connect
from graphbuild.cli import main
from graphbuild.stores import falkor_server as embedded
from tests.conftest import SEEDS


@pytest.fixture
def graph(tmp_path: Path) -> Lexgraph:
    connection = connect(tmp_path / "home")
    connection.build(SEEDS)
    yield connection
    connection.close()
    embedded.stop(tmp_path / "home")


def test_query_frame_cypher_and_map(graph: Lexgraph, tmp_path: Path) -> None:
    rows = graph.query("citing-notices", symbol="16-CT/TTg")
    assert [r["province"] for r in rows] == ["Cà Mau"]
    frame = graph.frame("adoption-lag", symbol="128/NQ-CP")
    assert list(frame.columns[:3]) == ["province", "region", "first_notice"] and len(frame) == 63
    assert frame.loc[frame["province"] == "Bắc Giang", "lag_days"].item() == 23
    assert graph.cypher("MATCH (d:Document {status: $s}) RETURN count(d) AS n", s="corpus") == [{"n": 6}]
    html = graph.map(doc="128/NQ-CP", depth=1, layout="flow", out=tmp_path / "m.html")
    assert (tmp_path / "m.html").read_text(encoding="utf-8") == html and "vis.Network" in html
    subgraph = graph.select(province="Điện Biên", context=False)
    assert "11:274-TB/TU@2020-2025" in subgraph


def test_notebook_map_is_an_escaped_iframe(graph: Lexgraph) -> None:
    from viz.maps import generate_notebook_html

    cell = generate_notebook_html(graph.select(doc="128/NQ-CP"), title="<b>x</b>")
    assert cell.startswith('<iframe srcdoc="') and cell.endswith("</iframe>")
    inner = cell[len('<iframe srcdoc="') : cell.index('" style=')]
    assert '"' not in inner and "<" not in inner  # the whole page is escaped into the attribute


def test_db_start_stop_status(tmp_path: Path) -> None:
    home = str(tmp_path / "db-home")
    runner = CliRunner()
    started = runner.invoke(main, ["db", "start", "--home", home])
    assert started.exit_code == 0 and "running" in started.output
    assert embedded.status(Path(home))["running"] is True
    stopped = runner.invoke(main, ["db", "stop", "--home", home])
    assert stopped.exit_code == 0 and "Stopped" in stopped.output
    assert embedded.status(Path(home))["running"] is False
    again = runner.invoke(main, ["db", "stop", "--home", home])
    assert again.exit_code == 0 and "not running" in again.output
