"""Time as the client sees it, behind one seam so tests can run retries and token expiry instantly."""

from __future__ import annotations

import time
from typing import Protocol

MIN_ATTEMPT_S = 1.0
"""The least time worth starting an attempt with: a round trip to Sinch plus its token request."""


class Clock(Protocol):
    """What the client needs from time: a monotonic clock for deadlines, wall time for token expiry."""

    def monotonic(self) -> float: ...

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock, used unless a test passes its own."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class Deadline:
    """The total time budget of one operation, shared by all its attempts and back-off sleeps."""

    def __init__(self, clock: Clock, seconds: float) -> None:
        self._clock = clock
        self._ends_at = clock.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._ends_at - self._clock.monotonic())

    def allows_wait(self, seconds: float) -> bool:
        """Whether sleeping this long still leaves another attempt ``MIN_ATTEMPT_S``: an attempt started
        with milliseconds left can only time out, and a timed-out POST leaves its outcome unknown."""
        return seconds + MIN_ATTEMPT_S <= self.remaining()
