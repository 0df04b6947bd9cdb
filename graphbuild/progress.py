"""A long build's progress on standard error, with an estimate of the time left.

On a terminal, rich's bars (done/total, elapsed, time left); piped or captured (a cron job, a
log file), one line per stage every ``every`` seconds and one when a stage that took longer
ends, so a build of hours says where it is without filling the log (a short one says nothing).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# What each stage of a build is called on screen.
STAGES = {"extract": "Đọc và trích xuất (extract)", "reconcile": "Đối chiếu (reconcile)"}


def time_left(done: int, total: int, elapsed: float) -> float | None:
    """Seconds left at the rate so far; None before anything is done.

    >>> time_left(25, 100, 10.0)
    30.0
    """
    if done <= 0 or total <= 0:
        return None
    return max(0.0, elapsed * (total - done) / done)


def duration(seconds: float | None) -> str:
    """``3725`` → ``1 giờ 2 phút``, ``75`` → ``1 phút 15 s``, ``9.4`` → ``9 s``; ``?`` when unknown.

    >>> duration(3725), duration(75), duration(9.4), duration(None)
    ('1 giờ 2 phút', '1 phút 15 s', '9 s', '?')
    """
    if seconds is None:
        return "?"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes} phút"
    if minutes:
        return f"{minutes} phút {secs} s"
    return f"{secs} s"


class LineProgress:
    """One line per stage every ``every`` seconds: ``Đọc và trích xuất (extract): 40000/100000 tệp,
    52 s, còn khoảng 78 s (time left)``."""

    def __init__(self, stream: TextIO, every: float = 10.0) -> None:
        self.stream = stream
        self.every = every
        self.started: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        started = self.started.setdefault(stage, now)
        finished = total > 0 and done >= total
        if now - self.last.get(stage, started) < self.every and not (finished and stage in self.last):
            return
        self.last[stage] = now
        elapsed = now - started
        name = STAGES.get(stage, stage)
        if finished:
            self.stream.write(f"{name}: xong (done) {done}/{total}, {duration(elapsed)}\n")
        else:
            left = duration(time_left(done, total, elapsed))
            self.stream.write(f"{name}: {done}/{total}, {duration(elapsed)}, còn khoảng {left} (time left)\n")
        self.stream.flush()


@contextmanager
def build_progress(every: float = 10.0) -> Iterator[Any]:
    """The ``progress`` callback of a build: bars with the time left on a terminal, lines otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield LineProgress(sys.stderr, every)
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("còn"), TimeRemainingColumn(),
        console=console, transient=True,
    ) as bars:
        tasks: dict[str, Any] = {}

        def notify(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(STAGES.get(stage, stage), total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield notify
