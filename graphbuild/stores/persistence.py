"""The embedded store's append-only file made a snapshot of the graph, for the next start to load.

FalkorDB 4.16 logs a write as its effects, and replaying the deletion of a node, when the server
starts again, brings back the fault :mod:`graphbuild.stores.falkor` works around while it runs
(the node stays in its label's scan: reads fail, saving the graph stops the server). A snapshot
holds only the nodes there are, so nothing is replayed. A build rewrites the file after deletes
(``FalkorStore.settle``), and every clean stop before the server exits (``falkor_server.stop``,
the idle watcher).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphbuild.errors import StoreError
from graphbuild.stores.resp import RespError


def _persistence(command: Callable[..., Any]) -> dict[str, str]:
    info = command("INFO", "persistence")
    if isinstance(info, dict):  # (redis-py parses it)
        return {str(k): str(v) for k, v in info.items()}
    return dict(line.split(":", 1) for line in str(info).splitlines() if ":" in line)


def rewrite_log(
    command: Callable[..., Any],
    logfile: Path | None = None,
    *,
    refused: tuple[type[Exception], ...] = (),
    if_written: bool = False,
    wait_seconds: float = 900.0,
) -> None:
    """Rewrite the server's append-only file as a snapshot of the graph it holds now
    (``BGREWRITEAOF``), and wait until it is on disk. ``command`` sends one command (``Resp.call``,
    or redis-py's ``execute_command``); ``refused`` is how it raises the server's error replies;
    ``if_written``: not when nothing was logged since the last rewrite (a stop after a settled build)."""
    deadline = time.monotonic() + wait_seconds

    def settled() -> dict[str, str]:
        while True:
            info = _persistence(command)
            if info.get("aof_rewrite_in_progress") == "0" and info.get("aof_rewrite_scheduled") == "0":
                return info
            if time.monotonic() > deadline:
                raise StoreError(
                    f"The embedded store did not finish rewriting its append-only file in {wait_seconds:.0f} s. "
                    f"See {logfile or 'its log (lexgraph db status)'}."
                )
            time.sleep(0.02)

    caught: tuple[type[Exception], ...] = (RespError, *refused)
    info = settled()
    if if_written and info.get("aof_current_size") == info.get("aof_base_size"):
        return
    before = int(info.get("aof_rewrites", "0"))
    try:
        command("BGREWRITEAOF")
    except caught:  # (one the server began by itself in between, maybe before the last write)
        before = int(settled().get("aof_rewrites", "0"))
        command("BGREWRITEAOF")
    info = settled()
    if int(info.get("aof_rewrites", "0")) <= before or info.get("aof_last_bgrewrite_status") != "ok":
        raise StoreError(
            f"The embedded store could not rewrite its append-only file ({info.get('aof_last_bgrewrite_status', '?')}). "
            f"The graph is whole while the server runs; see {logfile or 'its log (lexgraph db status)'}, then run `lexgraph build` again."
        )
