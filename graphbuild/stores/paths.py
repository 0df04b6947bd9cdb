"""Where an embedded store's files are: its socket, pid file, log and data under the home folder.

Shared by the server's starter (:mod:`~graphbuild.stores.falkor_server`) and the idle watcher that stops
it (:mod:`~graphbuild.stores.idle`), which imports nothing else of lexgraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOCKET_PATH_LIMIT = 100  # unix socket paths must fit in 108 bytes


@dataclass(frozen=True)
class ServerPaths:
    home: Path
    socket: Path
    pidfile: Path
    logfile: Path
    data: Path


SOCKET_FOLDER_RECORD = "socket-folder"  # in the home: where a deep home's socket lives


def server_paths(home: Path) -> ServerPaths:
    home = home.resolve()
    socket = home / "falkordb.sock"
    if len(str(socket)) > SOCKET_PATH_LIMIT:
        # A deep home folder: the socket lives in a short folder under the temp dir that lexgraph made
        # for this home, owner-only, with an unpredictable name (recorded in the home); until one is
        # made, a path that does not exist.
        try:
            socket = Path((home / SOCKET_FOLDER_RECORD).read_text().strip()) / "falkordb.sock"
        except OSError:
            # (a path inside the owner-only home, never a fixed name in a shared folder: nobody else
            # can make it; the socket folder is made under the temp dir when the server starts)
            socket = home / "socket-folder-not-made" / "falkordb.sock"
    return ServerPaths(home, socket, home / "falkordb.pid", home / "falkordb.log", home / "db")
