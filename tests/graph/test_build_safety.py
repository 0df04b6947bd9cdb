"""A build killed with kill -9, two builds at once, a server that crashed: the graph stays right."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuild.build import build, build_lock
from graphbuild.cli import main
from graphbuild.stores import falkor_server as embedded
from graphbuild.stores import open_store
from graphbuild.testing.corpus import generate
from tests.conftest import SEEDS, dump


def _workers_gone(corpus: Path, *, within: float) -> bool:
    """No process is left running ``lexgraph build`` on ``corpus`` (forked workers keep the command line)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        running = []
        for proc in Path("/proc").iterdir():
            try:
                cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"graphbuild.cli" in cmdline and str(corpus).encode() in cmdline:
                running.append(proc.name)
        if not running:
            return True
        time.sleep(0.2)
    return False


def test_a_build_killed_mid_load_is_completed_by_the_next(tmp_path: Path) -> None:
    corpus = generate(1200, tmp_path / "corpus")
    home = tmp_path / "home"
    env = {**os.environ, "LEXGRAPH_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "graphbuild.cli", "build", str(corpus), "--jobs", "2", "--format", "json"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        loading = 0
        while time.monotonic() < deadline and process.poll() is None:
            if embedded.status(home)["running"]:
                store = open_store(home=home)
                loading = store.read("MATCH (s:Source) RETURN count(s) AS n")[0]["n"]
                store.close()
                if loading:
                    break
            time.sleep(0.05)
        assert process.poll() is None, "the build finished before it could be killed; use a larger corpus"
        assert loading, "the build never started loading"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert _workers_gone(corpus, within=1.0), "the killed build's extraction workers outlived it (they die with it)"
        store = open_store(home=home)
        half = store.read("MATCH (s:Source) RETURN s.status AS status, count(s) AS n")
        assert sum(r["n"] for r in half) < 1200 or any(r["status"] == "loading" for r in half), half

        report = build(store, [corpus], home=home)
        assert report.errors == []
        recovered = dump(store)
        build(store, [corpus], home=home, rebuild=True)
        assert dump(store) == recovered
        statuses = store.read("MATCH (s:Source) RETURN s.status AS status, count(s) AS n")
        assert statuses == [{"status": "loaded", "n": 1200}]
        store.close()
    finally:
        if process.poll() is None:
            process.kill()
        embedded.stop(home)


def test_two_builds_cannot_interleave(tmp_path: Path, embedded_home: Path) -> None:
    runner = CliRunner()
    with build_lock(embedded_home):
        result = runner.invoke(main, ["build", str(SEEDS), "--home", str(embedded_home)])
    assert result.exit_code == 1
    assert "Another build is running" in result.output and str(os.getpid()) in result.output


def test_a_stale_socket_and_pid_after_a_crash_are_recovered(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = open_store(home=home)
    store.write("CREATE (:Document {uid: 'kept'})")
    store.close()
    pid = embedded.status(home)["pid"]
    assert isinstance(pid, int)
    time.sleep(1.2)  # the append-only file is flushed every second
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    paths = embedded.server_paths(home)
    assert paths.socket.exists() and paths.pidfile.exists()  # what a crash leaves behind
    try:
        store = open_store(home=home)
        assert store.read("MATCH (d:Document) RETURN d.uid AS uid") == [{"uid": "kept"}]
        store.close()
    finally:
        embedded.stop(home)
    assert not paths.socket.exists()


def test_cli_build_loads_the_store_and_reports(tmp_path: Path, embedded_home: Path) -> None:
    store = open_store(home=embedded_home)
    store.clear()
    folder = tmp_path / "data"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "scan.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(folder), "--home", str(embedded_home), "--format", "json"])
    assert result.exit_code == 3  # some files refused, the rest loaded
    assert "scan.txt" in result.output and "empty" in result.output
    corpus = store.read("MATCH (d:Document {status: 'corpus'}) RETURN count(d) AS n")
    assert corpus == [{"n": 6}]
    stats = CliRunner().invoke(main, ["stats", "--home", str(embedded_home), "--format", "csv"])
    assert stats.exit_code == 0
    assert stats.output.startswith("\ufeffwhat,count") and "documents corpus,6" in stats.output
    clean = CliRunner().invoke(main, ["build", str(SEEDS), "--home", str(embedded_home)])
    assert clean.exit_code == 0  # every file read
    empty = tmp_path / "only-empty"
    empty.mkdir()
    (empty / "blank.txt").write_bytes(b"")
    nothing = CliRunner().invoke(main, ["build", str(empty), "--home", str(embedded_home)])
    assert nothing.exit_code == 1 and "nothing was read" in nothing.output
    store.close()


@pytest.mark.parametrize("command", [["db", "status", "--format", "json"]])
def test_db_status_says_whether_it_runs(command: list[str], embedded_home: Path) -> None:
    open_store(home=embedded_home).close()
    result = CliRunner().invoke(main, [*command[:2], "--home", str(embedded_home), *command[2:]])
    assert result.exit_code == 0 and '"running"' in result.output and "true" in result.output


class Killed(Exception):
    """Stands for the process dying at that point."""


@pytest.mark.parametrize("crash_point", ["after journaling", "after removing old facts", "after writing new facts"])
def test_a_build_interrupted_inside_a_file_load_is_repaired(
    crash_point: str, embedded_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graphbuild.build as building

    folder = tmp_path / "data"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    build(embedded_store, [folder], home=tmp_path / "lock")
    # The notice gets a number: its own identity changes, so its old facts hang on another uid.
    changed = folder / "000_c5925a6b240b0ca4.txt"
    changed.write_text("Số 999-TB/TU\n\nĐồng Tháp, ngày 05 tháng 11 năm 2021\n" + changed.read_text(encoding="utf-8"), encoding="utf-8")

    remove, write = building._remove_facts, building._write_facts

    def crash_on_remove(*args: Any) -> None:
        if crash_point == "after removing old facts":
            remove(*args)
        raise Killed

    def crash_on_write(*args: Any, **named: Any) -> None:
        write(*args, **named)
        raise Killed

    if crash_point == "after writing new facts":
        monkeypatch.setattr(building, "_write_facts", crash_on_write)
    else:
        monkeypatch.setattr(building, "_remove_facts", crash_on_remove)
    with pytest.raises(Killed):
        build(embedded_store, [folder], home=tmp_path / "lock")
    monkeypatch.undo()

    build(embedded_store, [folder], home=tmp_path / "lock")
    repaired = dump(embedded_store)
    assert embedded_store.read("MATCH (d:Document {status: 'corpus'}) WHERE d.uid STARTS WITH 'notice:87' RETURN d.uid AS uid") == []
    build(embedded_store, [folder], home=tmp_path / "lock", rebuild=True)
    assert dump(embedded_store) == repaired


def test_summaries_are_refreshed_after_a_build_killed_before_them(embedded_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphbuild.build as building

    def killed(*args: Any) -> None:
        raise Killed

    monkeypatch.setattr(building, "refresh_summaries", killed)
    with pytest.raises(Killed):
        build(embedded_store, [SEEDS], home=tmp_path / "lock")
    monkeypatch.undo()
    assert embedded_store.read("MATCH (p:Province {name: 'Điện Biên'}) RETURN p.months AS months") == [{"months": None}]
    report = build(embedded_store, [SEEDS], home=tmp_path / "lock")
    assert report.loaded == 0  # nothing left to load, but the journal asks for the summaries
    assert embedded_store.read("MATCH (p:Province {name: 'Điện Biên'}) RETURN p.months AS months, p.month_counts AS counts") == [
        {"months": ["2021-08"], "counts": [1]}
    ]
    (body,) = embedded_store.read("MATCH (o:Organization {name: 'Văn phòng Tỉnh ủy'}) RETURN o.documents AS n, o.issued AS issued")
    assert body == {"n": 1, "issued": ["Thông báo · Cà Mau · 2021-09-01"]}


def test_a_build_killed_at_any_write_is_finished_by_the_next(store: Any, embedded_home: Path, tmp_path: Path) -> None:
    """Killed while journaling, loading, reconciling, sweeping, titling or summarising: the next
    ordinary build leaves what a clean build does (the crash probe of bench/probe_crash.py, in small)."""
    from graphbuild.testing.crash import probe

    if store.name == "Neo4j":
        store_args = {"neo4j_uri": store.uri, "neo4j_user": "neo4j", "neo4j_password": ""}
    else:
        store_args = {"home": str(embedded_home)}
    result = probe(store, store_args, tmp_path / "generated", notices=24, points=3, last=8)
    assert len(result.points) >= 8 and result.writes > 8
    assert result.differing == [] and result.identical == len(result.points)

    def cited_pair(folder: Path) -> None:
        """A notice, and another that cites it: deleting the first demotes it to a cited document."""
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(CITING, encoding="utf-8")
        (folder / "b.txt").write_text(CITED, encoding="utf-8")

    # killed at every write of a build whose file deletion demotes a cited document, property by property
    result = probe(store, store_args, tmp_path / "pair", corpus=cited_pair, change=lambda folder: (folder / "b.txt").unlink(), points=1000)
    assert result.points == list(range(1, result.writes + 1))
    assert result.differing == [], f"killed at writes {result.differing} of {result.writes}"


CITING = (
    "TỈNH ỦY HÀ GIANG\n*\nSố 120-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 20 tháng 8 năm 2021\n\nTHÔNG BÁO\n"
    "kết luận của Ban Thường vụ Tỉnh ủy\n\nThực hiện Thông báo số 102-TB/TU ngày 10/8/2021 của Ban Thường vụ Tỉnh ủy "
    "tỉnh Hà Giang về phòng, chống dịch.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐặng Quốc Khánh\n"
)
CITED = (
    "TỈNH ỦY HÀ GIANG\n*\nSố 102-TB/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 10 tháng 8 năm 2021\n\nTHÔNG BÁO\n"
    "kết luận về phòng, chống dịch\n\nThực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ.\n\n"
    "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nThào Hồng Sơn\n"
)
