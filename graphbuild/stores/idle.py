"""Stop an embedded store that lexgraph started on demand once nobody has used it for a while.

Started by :func:`graphbuild.stores.embedded.start` beside a server it starts for a command (not for
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

KEEP_RUNNING = "keep-running"  # in the home: written by `lexgraph db start`


def watch(home: Path, idle_seconds: float, poll_seconds: float | None = None) -> None:
    import redis

    from graphbuild.stores.embedded import server_paths

    paths = server_paths(home)
    poll = poll_seconds or max(0.5, min(30.0, idle_seconds / 4))
    last_count: int | None = None
    quiet_since = time.monotonic()
    # One connection for every poll: each new connection sends commands of its own (CLIENT SETINFO).
    client = redis.Redis(unix_socket_path=str(paths.socket), socket_connect_timeout=2, socket_timeout=5, single_connection_client=True)
    while True:
        time.sleep(poll)
        if (home / KEEP_RUNNING).exists():
            return
        try:
            count = int(client.info("stats")["total_commands_processed"])
        except (redis.exceptions.RedisError, OSError, KeyError, ValueError):
            return  # the server is gone
        if last_count is not None and count - last_count > 1:  # (the one command is this poll's own INFO)
            quiet_since = time.monotonic()
        last_count = count
        if time.monotonic() - quiet_since >= idle_seconds:
            try:
                client.shutdown()
            except redis.exceptions.ConnectionError:
                pass  # the connection closes as the server exits
            return


def main() -> None:
    watch(Path(sys.argv[1]), float(sys.argv[2]))


if __name__ == "__main__":
    main()
