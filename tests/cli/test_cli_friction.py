"""What a first-day analyst tripped on (issue 12, items 8, 9, 10, 13, 16): each fails without its fix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.stores import falkor_server as embedded
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("friction") / "home"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--home", str(folder)])
    assert result.exit_code == 0, result.output
    yield folder
    embedded.stop(folder)


def test_the_format_comes_from_the_out_extension(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "lag.csv"
    result = CliRunner().invoke(main, ["query", "adoption-lag", "--param", "symbol=128/NQ-CP", "--out", str(out), "--home", str(home)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("province,region,first_notice") and "━" not in text and "│" not in text


def test_no_rows_says_so_and_an_empty_csv_keeps_its_header(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    result = CliRunner().invoke(main, ["query", "citing-notices", "--param", "symbol=999/NQ-CP", "--out", str(out), "--home", str(home)])
    assert result.exit_code == 0
    assert "no rows" in result.stderr and "999/NQ-CP" in result.stderr and "did you mean 99/NQ-CP" not in result.stderr
    close = CliRunner().invoke(main, ["query", "citing-notices", "--param", "symbol=129/NQ-CP", "--home", str(home)])
    assert "did you mean 128/NQ-CP" in close.stderr
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["notice,notice_uid,notice_type,province,issuer,date,cited,cited_date,relation,mentions,lag_days,sentence"]


@pytest.mark.parametrize(("value", "ok"), [("2021-13-01", False), ("01/10/2021", True), ("2021-10-01", True), ("yesterday", False)])
def test_map_dates_are_checked(home: Path, tmp_path: Path, value: str, ok: bool) -> None:
    result = CliRunner().invoke(main, ["map", "--from", value, "--out", str(tmp_path / "m.html"), "--home", str(home)])
    assert (result.exit_code == 0) == ok, result.output
    if not ok:
        assert "not a date" in result.output and value in result.output


def test_query_help_describes_the_question(home: Path) -> None:
    result = CliRunner().invoke(main, ["query", "adoption-lag", "--help"])
    assert result.exit_code == 0
    assert "--param symbol=" in result.output and "128/NQ-CP" in result.output and "lag_days" in result.output
    listed = CliRunner().invoke(main, ["query", "--list", "--format", "csv"])
    assert "year: integer = none" in listed.output


def test_connect_takes_the_home_from_the_environment(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphbuild
    from graphbuild.errors import WriteRefused

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEXGRAPH_HOME", str(home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    graph = graphbuild.connect()
    try:
        assert graph.cypher("MATCH (d:Document {status: 'corpus'}) RETURN count(d) AS n") == [{"n": 6}]
        with pytest.raises(WriteRefused, match=r"write=True"):
            graph.cypher("MATCH (d:Document) SET d.x = 1")
    finally:
        graph.close()
    assert not (tmp_path / ".lexgraph").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "--out", "{tmp}/missing/m.html"], "does not exist"),
        (["export", "--format", "json", "--out", "{tmp}"], "is a folder"),
        (["export", "--format", "csv", "--out", "{tmp}/file.txt"], "is a file"),
        (["query", "issuers", "--out", "{tmp}/missing/x.csv"], "does not exist"),
    ],
)
def test_a_bad_out_is_a_clear_error_not_a_traceback(home: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args] + ["--home", str(home)])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, (OSError, IsADirectoryError)) or isinstance(result.exception, SystemExit)


def test_build_warnings_are_listed(home: Path) -> None:
    result = CliRunner().invoke(main, ["query", "warnings", "--format", "json", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "68/NQ-CP: issuer written as 'Thủ tướng Chính phủ'" in result.stdout
    rebuilt = CliRunner().invoke(main, ["build", str(SEEDS), "--rebuild", "--home", str(home)])
    assert "lexgraph query warnings" in rebuilt.stderr and "unresolved_citations" in rebuilt.stdout


def test_terminal_tables_cut_long_text_at_a_word_with_an_ellipsis_and_files_keep_it(home: Path, tmp_path: Path) -> None:
    table = CliRunner().invoke(main, ["query", "citing-notices", "--param", "symbol=128/NQ-CP", "--format", "table", "--home", str(home)])
    full = CliRunner().invoke(main, ["query", "citing-notices", "--param", "symbol=128/NQ-CP", "--format", "json", "--home", str(home)])
    import json

    sentences = [row["sentence"] for row in json.loads(full.stdout)]
    assert any(len(s) > 90 for s in sentences)
    assert "…" in table.stdout and not any(s in table.stdout for s in sentences if len(s) > 90)
