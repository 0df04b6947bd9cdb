"""Lock file descriptors a process holds, so that forked workers can let go of their copies.

A lock taken with ``flock`` lasts while any descriptor of it is open. Extraction workers are
forked (spawning would re-import the analyst's ``__main__``), and a forked worker inherits
the build lock; each worker closes its copy at start, so a killed build releases the lock at once.
"""

from __future__ import annotations

import contextlib
import os

held_lock_fds: set[int] = set()


def release_inherited_locks() -> None:
    """Pool initializer: close the lock descriptors inherited from the parent."""
    for fd in list(held_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    held_lock_fds.clear()
