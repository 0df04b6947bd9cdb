"""Lock file descriptors a process holds, so that forked workers can let go of their copies.

A lock taken with ``flock`` lasts while any descriptor of it is open. Extraction workers are
forked (spawning would re-import the analyst's ``__main__``), and a forked worker inherits
the build lock; each worker closes its copy at start, so a killed build releases the lock at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

held_lock_fds: set[int] = set()


def release_inherited_locks() -> None:
    """Pool initializer: close the lock descriptors inherited from the parent."""
    for fd in list(held_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    held_lock_fds.clear()


# prctl(2): the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def _killed_with_parent() -> bool:
    """Ask the kernel to kill this process the moment its parent dies (Linux); ``False`` elsewhere."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def exit_with_parent(check_every: float = 0.5) -> None:
    """Make this worker leave when the process that started it is gone.

    A killed build (``kill -9``) cannot stop its pool, and its workers would wait forever on a
    queue that their siblings keep open. On Linux the kernel kills the worker with its parent, at
    once; elsewhere a watcher thread ends the worker once it is orphaned.
    """
    parent = os.getppid()
    if _killed_with_parent():
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(0)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(check_every)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_worker() -> None:
    """Pool initializer for extraction workers: drop inherited locks; leave with the parent."""
    release_inherited_locks()
    exit_with_parent()
