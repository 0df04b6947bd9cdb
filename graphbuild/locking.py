"""Lock file descriptors a process holds, so that forked workers can let go of their copies.

A lock taken with ``flock`` lasts while any descriptor of it is open. Extraction workers are
forked (spawning would re-import the analyst's ``__main__``), and a forked worker inherits
the build lock; each worker closes its copy at start, so a killed build releases the lock at once.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time

held_lock_fds: set[int] = set()


def release_inherited_locks() -> None:
    """Pool initializer: close the lock descriptors inherited from the parent."""
    for fd in list(held_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    held_lock_fds.clear()


def exit_with_parent(check_every: float = 0.5) -> None:
    """Make this worker leave when the process that started it is gone.

    A killed build (``kill -9``) cannot stop its pool, and its workers would wait forever on a
    queue that their siblings keep open: a watcher thread ends the worker once it is orphaned.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(check_every)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_worker() -> None:
    """Pool initializer for extraction workers: drop inherited locks; leave with the parent."""
    release_inherited_locks()
    exit_with_parent()
