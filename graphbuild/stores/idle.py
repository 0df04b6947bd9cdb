"""Stop an embedded store that lexgraph started on demand once nobody has used it for a while.

Started by :func:`graphbuild.stores.falkor_server.start` beside a server it starts for a command (not for
``lexgraph db start``, which leaves the server running until ``lexgraph db stop``):

    python -m graphbuild.stores.idle HOME SECONDS

Every few seconds it reads the server's count of commands processed; when that count has not moved
(its own polls aside) for SECONDS, it shuts the server down cleanly (the append-only file is
flushed) and exits. It exits at once when the server is gone or the home asks to keep it running.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from graphbuild.errors import StoreError
from graphbuild.stores.paths import server_paths
from graphbuild.stores.persistence import rewrite_log

KEEP_RUNNING = "keep-running"  # in the home: written by `lexgraph db start`


def connect(home: Path) -> Any:
    """One connection to the home's server that is never re-opened behind our back: redis-py retries
    a command on a new connection by default, and a SHUTDOWN retried that way reached the *next*
    server started on the same socket (started on demand by the command that came right after)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    socket = server_paths(home).socket
    # One connection for every poll: each new connection sends commands of its own (CLIENT SETINFO).
    return redis.Redis(
        unix_socket_path=str(socket), socket_connect_timeout=2, socket_timeout=5, single_connection_client=True, retry=Retry(NoBackoff(), 0),
    )


def stop_if_same(client: Any, process_id: int) -> bool:
    """Shut the server down if it is still the one watched (its process id); whether it was asked to."""
    import redis

    try:
        if int(client.info("server")["process_id"]) != process_id:
            return False
        try:
            rewrite_log(client.execute_command, refused=(redis.exceptions.ResponseError,), if_written=True)
        except (StoreError, redis.exceptions.ResponseError):
            pass  # stopping matters more (falkor_server.stop does the same)
        client.shutdown()
    except redis.exceptions.ConnectionError:
        return False  # gone (or, once SHUTDOWN is sent, the connection closes as the server exits)
    return True


def watch(home: Path, idle_seconds: float, poll_seconds: float | None = None) -> None:
    import redis

    poll = poll_seconds or max(0.5, min(30.0, idle_seconds / 4))
    last_count: int | None = None
    process_id: int | None = None
    quiet_since = time.monotonic()
    client = connect(home)
    while True:
        time.sleep(poll)
        if (home / KEEP_RUNNING).exists():
            return
        try:
            if process_id is None:
                process_id = int(client.info("server")["process_id"])
            count = int(client.info("stats")["total_commands_processed"])
        except (redis.exceptions.RedisError, OSError, KeyError, ValueError):
            return  # the server is gone
        if last_count is not None and count - last_count > 1:  # (the one command is this poll's own INFO)
            quiet_since = time.monotonic()
        last_count = count
        if time.monotonic() - quiet_since >= idle_seconds:
            stop_if_same(client, process_id)
            return


def main() -> None:
    watch(Path(sys.argv[1]), float(sys.argv[2]))


if __name__ == "__main__":
    main()
