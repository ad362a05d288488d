"""Failed attempts at a secret, counted per key (a browser session, a client address).

The first `free` failures cost nothing; after that each attempt must wait a delay that doubles with
every failure (1 s, 2 s, 4 s … up to `max_delay`), and `lockout_after` failures lock the key out for
`lockout_seconds`. A success clears the key. Guessing a secret by trying is then hopeless, while a
person who mistypes twice notices nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


class Attempts:
    def __init__(self, *, free: int = 3, max_delay: float = 300.0, lockout_after: int = 10,
                 lockout_seconds: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.max_delay = free, max_delay
        self.lockout_after, self.lockout_seconds = lockout_after, lockout_seconds
        self.clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> tuple[float, bool]:
        """(seconds before another attempt is allowed for all keys, whether that is a lockout)."""
        now = self.clock()
        longest, locked = 0.0, False
        with self._lock:
            for key in keys:
                record = self._records.get(key)
                if record is None or record.failures < self.free:
                    continue
                if record.failures >= self.lockout_after:
                    left, is_lock = record.last + self.lockout_seconds - now, True
                else:
                    left, is_lock = record.last + min(2.0 ** (record.failures - self.free), self.max_delay) - now, False
                if left > longest:
                    longest, locked = left, is_lock
        return max(longest, 0.0), locked and longest > 0

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                record = self._records.setdefault(key, _Record())
                if record.failures >= self.lockout_after and now - record.last >= self.lockout_seconds:
                    record.failures = self.free - 1  # a served lockout starts over at the first delay
                record.failures += 1
                record.last = now

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._records.pop(key, None)


EDITOR_SECRET = Attempts()  # the import page's editor password, shared by every session of this server
