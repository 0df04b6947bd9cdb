"""What a hostile file or a hostile value found (issue 12, items 1, 2 and 6): each fails without its fix."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from graphbuild import extract
from graphbuild.build import build
from graphbuild.normalise import normalise
from graphbuild.output import generate_csv
from graphbuild.pipeline import extract_paths
from graphbuild.stores.base import GraphStore
from tests.conftest import ROOT

NOTICE = "Số {n}-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\nThực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ.\n"


def _folder(tmp_path: Path, good: int = 9) -> Path:
    folder = tmp_path / "notices"
    folder.mkdir()
    for n in range(good):
        (folder / f"{n:02d}.txt").write_text(NOTICE.format(n=100 + n), encoding="utf-8")
    return folder


def test_one_bad_file_in_a_parallel_folder_is_named_and_the_rest_extracted(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "fake.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "odd-utf16.txt").write_bytes(b"\xff\xfe" + "Số 1-TB/TU".encode("utf-16-le") + b"\x00")
    results = {Path(r.path).name: r for r in extract_paths([folder], jobs=2)}  # workers: errors cross the process boundary
    assert "empty" in str(results["empty.txt"].error)
    assert "fake.docx" in str(results["fake.docx"].error) and "docx" in str(results["fake.docx"].error)
    assert results["odd-utf16.txt"].error is None
    assert sum(bool(r.records) for r in results.values()) == 10


def test_files_whose_names_are_not_utf8_are_named_and_the_rest_load(tmp_path: Path, embedded_store: GraphStore) -> None:
    folder = _folder(tmp_path)
    odd = os.path.join(os.fsencode(folder), b"th\xf4ng-b\xe1o.txt")  # Latin-1 bytes in the name
    with open(odd, "wb") as handle:
        handle.write(NOTICE.format(n=998).encode("utf-8"))
    report = build(embedded_store, [folder], home=tmp_path / "home")
    assert len(report.errors) == 1 and "not valid UTF-8" in report.errors[0][1]
    assert report.loaded == 9


def test_a_file_without_read_permission_does_not_stop_a_build(tmp_path: Path, embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused read is named and the rest loads: in a first build the file is new and is read by its
    extraction worker (forked after the refusal is set up); once the graph holds it, a changed file is
    read by the build itself to hash it. (The refusal is made by hand: CI runs as root, whom
    permissions do not stop.)"""
    folder = _folder(tmp_path)
    secret = folder / "secret.txt"
    secret.write_text(NOTICE.format(n=999), encoding="utf-8")
    refused = {"on": True}
    real_read, real_open = Path.read_bytes, Path.open

    def refusing_read(path: Path) -> bytes:
        if path.name == "secret.txt" and refused["on"]:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    def refusing_open(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "secret.txt" and refused["on"]:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refusing_read)
    monkeypatch.setattr(Path, "open", refusing_open)
    home = tmp_path / "home"
    report = build(embedded_store, [folder], home=home)
    assert [(Path(p).name, "Permission denied" in why) for p, why in report.errors] == [("secret.txt", True)]
    assert report.loaded == 9
    refused["on"] = False
    assert build(embedded_store, [folder], home=home).loaded == 1  # readable again: loaded
    secret.write_text(NOTICE.format(n=998), encoding="utf-8")
    refused["on"] = True
    report = build(embedded_store, [folder], home=home)
    assert [(Path(p).name, "Permission denied" in why) for p, why in report.errors] == [("secret.txt", True)]
    assert report.loaded == 0 and report.unchanged == 9


def test_a_file_removed_while_the_build_runs_is_named_and_the_rest_load(tmp_path: Path, embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file listed and planned for loading, then deleted (or moved) before its worker reads it: the
    build names it and loads the others, and the next build forgets it. (Planned files go to the
    workers as listed, not looked up again.)"""
    import graphbuild.build as build_module

    folder = _folder(tmp_path)
    planned = build_module._plan

    def plan_then_remove(*args: Any, **kwargs: Any) -> Any:
        plan = planned(*args, **kwargs)
        (folder / "03.txt").unlink()
        return plan

    monkeypatch.setattr(build_module, "_plan", plan_then_remove)
    home = tmp_path / "home"
    report = build(embedded_store, [folder], home=home)
    assert [Path(p).name for p, _ in report.errors] == ["03.txt"] and "03.txt" in report.errors[0][0]
    assert report.loaded == 8
    monkeypatch.setattr(build_module, "_plan", planned)
    again = build(embedded_store, [folder], home=home)
    assert (again.loaded, again.unchanged, again.errors) == (0, 8, [])
    assert embedded_store.read("MATCH (d:Document {status: 'corpus'}) RETURN count(d) AS n")[0]["n"] == 8


@pytest.mark.parametrize("payload", ["-2+3+cmd|' /C calc'!A0", "- 1+cmd", "=1+1", "+1", "@SUM(A1)"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(payload: str) -> None:
    text = generate_csv([{"sentence": payload, "lag": -5, "written": "-5"}])
    assert f"'{payload}" in text and ",-5,-5" in text


def test_a_lone_surrogate_does_not_break_extraction() -> None:
    (record,) = extract(NOTICE.format(n=12) + "x\ud800y\n")
    assert record.symbol == "12-TB/TU" and [c.canonical for c in record.citations] == ["128/NQ-CP"]


@pytest.mark.parametrize("text", ["hoa\u0300\u0302", "Tỉnh ủy hoa\u0300\u0302 ca\u0301\u0306", "ươ\u0300"])
def test_normalising_twice_changes_nothing_and_gives_nfc(text: str) -> None:
    once = normalise(text).text
    assert unicodedata.is_normalized("NFC", once)
    assert normalise(once).text == once


def test_adversarial_inputs_do_not_stall_extraction() -> None:
    """A bad OCR page or a table read as one line: 300 KB of each took 10–110 s when scans were
    quadratic; linear, all of them take about a second (the figures are in bench/bench_adversarial.py).
    Run in a child process with a generous bound, so that a regression fails instead of hanging."""
    import subprocess
    import sys

    script = (
        "from graphbuild.testing.adversarial import INPUTS\n"
        "from graphbuild import extract\n"
        "for make in INPUTS.values():\n"
        "    extract(make(300_000))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-500:]


def test_the_store_home_and_its_files_are_owner_only(tmp_path: Path) -> None:
    import stat

    from graphbuild.stores import falkor_server as embedded
    from graphbuild.stores import open_store

    home = tmp_path / "home"
    store = open_store(home=home)
    try:
        store.write("CREATE (:Document {uid: 'x', subject: 'bí mật'})")
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        assert stat.S_IMODE((home / "db").stat().st_mode) == 0o700
        written = [p for p in home.rglob("*") if p.is_file() and not p.is_socket()]
        assert written and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in written), [
            (p.name, oct(p.stat().st_mode)) for p in written
        ]
    finally:
        store.close()
        embedded.stop(home)


def test_a_deep_homes_socket_is_in_a_private_unpredictable_folder(tmp_path: Path) -> None:
    import hashlib
    import stat
    import tempfile

    from graphbuild.errors import StoreUnavailable
    from graphbuild.stores import falkor_server as embedded
    from graphbuild.stores import open_store

    home = tmp_path / ("deep-" * 20) / "home"
    # what another user could pre-create under the old, predictable name
    predictable = Path(tempfile.gettempdir()) / f"lexgraph-{hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:12]}"
    predictable.mkdir(mode=0o777, exist_ok=True)
    store = open_store(home=home)
    try:
        socket_folder = embedded.server_paths(home).socket.parent
        assert socket_folder != predictable and socket_folder.parent == Path(tempfile.gettempdir())
        assert stat.S_IMODE(socket_folder.stat().st_mode) == 0o700
        assert store.read("RETURN 1 AS one") == [{"one": 1}]
        store.close()
        socket_folder.chmod(0o755)  # opened up (or replaced) behind lexgraph's back: refused before connecting
        with pytest.raises(StoreUnavailable, match="not private"):
            open_store(home=home)
        socket_folder.chmod(0o700)
    finally:
        embedded.stop(home)
        predictable.rmdir()


def test_a_store_started_for_a_command_stops_when_unused_and_db_start_keeps_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from click.testing import CliRunner

    from graphbuild.cli import main
    from graphbuild.stores import falkor_server as embedded
    from graphbuild.stores import open_store

    monkeypatch.setenv("LEXGRAPH_IDLE_SECONDS", "2")
    on_demand, kept = tmp_path / "on-demand", tmp_path / "kept"
    store = open_store(home=on_demand)
    store.write("CREATE (:Document {uid: 'x'})")
    store.close()
    assert CliRunner().invoke(main, ["db", "start", "--home", str(kept)]).exit_code == 0
    status = CliRunner().invoke(main, ["db", "status", "--home", str(kept), "--format", "json"])
    assert str(on_demand.resolve()) in status.stdout and str(kept.resolve()) in status.stdout  # every running store listed
    pid = embedded.status(on_demand)["pid"]
    deadline = time.monotonic() + 20
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:  # (a ping would be a use of the store)
        time.sleep(0.5)
    try:
        assert not Path(f"/proc/{pid}").exists(), "the store started for a command is still running"
        assert embedded.status(kept)["running"], "the store started with `db start` stopped"
        again = open_store(home=on_demand)  # started again on demand, nothing lost
        assert again.read("MATCH (d:Document) RETURN d.uid AS uid") == [{"uid": "x"}]
        again.close()
    finally:
        embedded.stop(on_demand)
        embedded.stop(kept)


def test_an_idle_watcher_never_stops_the_next_server_on_its_socket(tmp_path: Path) -> None:
    """Its SHUTDOWN, retried on a new connection, once reached the server started right after."""
    from graphbuild.stores import falkor_server as embedded
    from graphbuild.stores import open_store
    from graphbuild.stores.idle import connect, stop_if_same

    home = tmp_path / "home"
    open_store(home=home).close()
    watcher = connect(home)
    first = int(watcher.info("server")["process_id"])
    embedded.stop(home)
    store = open_store(home=home)  # the next command starts a new server on the same socket
    try:
        assert embedded.status(home)["pid"] != first
        assert stop_if_same(watcher, first) is False
        assert store.read("RETURN 1 AS one") == [{"one": 1}], "the new server is still running"
    finally:
        store.close()
        embedded.stop(home)


def test_a_deep_home_has_no_fixed_name_in_tmp_and_a_foreign_server_is_a_named_error(tmp_path: Path) -> None:
    import socket as sockets
    import tempfile
    import threading

    from click.testing import CliRunner

    from graphbuild.cli import main
    from graphbuild.stores import falkor_server as embedded
    from graphbuild.stores import open_store

    home = tmp_path / ("deep-" * 20) / "home"
    home.mkdir(parents=True)
    before = embedded.server_paths(home).socket
    assert not str(before).startswith(tempfile.gettempdir() + os.sep + "lexgraph-unstarted")
    assert home.resolve() in before.parents  # before any start: a path inside the owner-only home
    assert CliRunner().invoke(main, ["db", "status", "--home", str(home)]).exit_code == 0
    store = open_store(home=home)
    store.close()
    socket_folder = embedded.server_paths(home).socket.parent
    assert CliRunner().invoke(main, ["db", "stop", "--home", str(home)]).exit_code == 0
    assert not socket_folder.exists(), "the private socket folder goes with its server"
    # a server that is not lexgraph's answers on the socket: a named error, never a traceback
    socket_folder.mkdir(mode=0o700)
    (home / embedded.SOCKET_FOLDER_RECORD).write_text(str(socket_folder), encoding="utf-8")
    listener = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    listener.bind(str(socket_folder / "falkordb.sock"))
    listener.listen(4)

    def answer_wrongly() -> None:
        for _ in range(4):
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.recv(1024)
            connection.sendall(b"*1\r\n$4\r\nPONG\r\n")  # an array where a PING's status reply belongs
            connection.close()

    threading.Thread(target=answer_wrongly, daemon=True).start()
    try:
        for command in (["db", "status"], ["db", "stop"]):
            result = CliRunner().invoke(main, [*command, "--home", str(home)])
            assert result.exit_code == 1 and "not lexgraph's store" in result.output, result.output
            assert "Traceback" not in result.output
    finally:
        listener.close()
        (socket_folder / "falkordb.sock").unlink(missing_ok=True)
        socket_folder.rmdir()


def test_certified_copies_are_bounded_and_need_a_stamp() -> None:
    from graphbuild.extractors.copies import MAX_COPIES

    # repeated marks with nothing of a copy's stamp: one document, not thousands
    [only] = extract("SAO Y\nx\n" * 20000)
    assert only.copy_of is None
    # real-looking stamps repeated: the first MAX_COPIES are copies, and the original says the rest were not read as such
    stamp = "UBND TỈNH HÀ GIANG\nSỞ Y TẾ\nSố: 12/SY-SYT\nSAO Y\nHà Giang, ngày 05 tháng 8 năm 2021\nnội dung\n"
    records = extract("TỈNH ỦY HÀ GIANG\nSố 12-TB/TU\n\nHà Giang, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\n" + stamp * 40)
    assert len(records) == 1 + MAX_COPIES
    assert all(r.copy_of == records[0].uid for r in records[1:])
    assert any("40 certified-copy marks" in w for w in records[0].warnings)


def test_links_and_empty_folders_are_listed_with_the_reason(tmp_path: Path, embedded_store: GraphStore) -> None:
    import json

    from click.testing import CliRunner

    from graphbuild.cli import main

    folder = _folder(tmp_path, good=2)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder)
    (folder / "empty").mkdir()
    report = build(embedded_store, [folder], home=tmp_path / "home")
    errors, skipped = dict(report.errors), dict(report.skipped)
    assert report.loaded == 2
    assert "does not exist" in errors[str(folder / "dangling.txt")] and "loop" in errors[str(folder / "loop.txt")]
    assert "not followed" in skipped[str(folder / "sub" / "back")] and "empty folder" in skipped[str(folder / "empty")]
    result = CliRunner().invoke(main, ["extract", str(folder), "--format", "jsonl"])
    assert result.exit_code == 3  # the two broken links refused, the rest read
    assert "does not exist" in result.output and "leads back to itself" in result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("{") and json.loads(line).get("source")]) == 2


def test_a_folder_or_a_file_reached_through_a_link_is_loaded_under_its_own_path(tmp_path: Path, embedded_store: GraphStore) -> None:
    """A file is known by its real path, however the build was pointed at it: the same notice
    through a linked folder, then named through a link, is one file, loaded once."""
    folder = _folder(tmp_path, good=2)
    (tmp_path / "via").symlink_to(folder)
    home = tmp_path / "home"
    first = build(embedded_store, [tmp_path / "via"], home=home)
    assert first.loaded == 2 and not first.errors
    rows = embedded_store.read("MATCH (s:Source) RETURN s.path AS path ORDER BY path")
    assert [r["path"] for r in rows] == [str(folder.resolve() / "00.txt"), str(folder.resolve() / "01.txt")]
    documents = embedded_store.read("MATCH (d:Document {status: 'corpus'}) RETURN d.source AS source ORDER BY source")
    assert [r["source"] for r in documents] == [r["path"] for r in rows]
    (tmp_path / "link.txt").symlink_to(folder / "01.txt")
    again = build(embedded_store, [tmp_path / "via" / "00.txt", tmp_path / "link.txt"], home=home)
    assert again.loaded == 0 and not again.errors


def test_a_few_nul_bytes_are_dropped_with_a_warning_and_many_are_binary(tmp_path: Path) -> None:
    from graphbuild.errors import BinaryFile
    from graphbuild.reading import read_document

    text = NOTICE.format(n=7).encode("utf-8")
    stray = tmp_path / "stray.txt"
    stray.write_bytes(text[:40] + b"\x00\x00" + text[40:] + b"\x00")
    source = read_document(stray)
    assert "\x00" not in source.text and any("3 NUL" in w for w in source.warnings)
    [record] = extract(source.text)
    assert record.canonical == "7-TB/TU"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)  # 20 NULs among control bytes
    with pytest.raises(BinaryFile):
        read_document(binary)


def test_a_name_that_is_not_utf8_is_the_same_error_for_extract_and_build(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphbuild.cli import main

    folder = _folder(tmp_path, good=1)
    with open(os.path.join(os.fsencode(folder), b"th\xf4ng-b\xe1o.txt"), "wb") as handle:
        handle.write(NOTICE.format(n=998).encode("utf-8"))
    result = CliRunner().invoke(main, ["extract", str(folder), "--format", "jsonl"])
    assert result.exit_code == 3 and "not valid UTF-8" in result.output


def test_the_build_lock_is_owner_only(tmp_path: Path) -> None:
    import stat

    from graphbuild.build import build_lock

    home = tmp_path / "home"
    home.mkdir()
    (home / "build.lock").write_text("")
    (home / "build.lock").chmod(0o644)  # as an older lexgraph left it
    with build_lock(home):
        assert stat.S_IMODE((home / "build.lock").stat().st_mode) == 0o600
