"""One switch for every in-process cache (``kratom_safety.clear_caches``).

The data, the resolver's index and its memo, and the FDA name lists are each loaded once,
lazily, and kept for the life of the process. A module that keeps such a cache registers a
function that forgets it (one line next to the cache); :func:`clear_caches` calls them all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["clear_caches", "once", "register"]

T = TypeVar("T")

_lock = threading.Lock()
_clearers: list[Callable[[], object]] = []


def register(clear: Callable[[], object]) -> None:
    """Have :func:`clear_caches` call ``clear`` (once, however often it is registered)."""
    with _lock:
        if clear not in _clearers:
            _clearers.append(clear)


def clear_caches() -> None:
    """Forget the loaded data, the resolver's index and memo and the FDA name lists.

    What it is for: development. After a data file is changed in place (``python
    curation/build.py`` in an editable install), the next call reads and validates the files
    again, so a long-lived process or a test session sees the new data without a restart.
    Results for unchanged data stay the same.

    Thread-safe: a call already running finishes with the data it started with, and the next
    load happens once, even under contention.
    """
    with _lock:
        clearers = tuple(_clearers)
    for clear in clearers:
        clear()


def once(build: Callable[[], T]) -> Callable[[], T]:
    """A function returning ``build()``, built on its first call (once, even under
    contention) and kept until :func:`clear_caches`."""
    lock = threading.Lock()
    slot: list[T | None] = [None]

    def get() -> T:
        value = slot[0]
        if value is None:
            with lock:
                value = slot[0]
                if value is None:
                    value = slot[0] = build()
        return value

    register(lambda: slot.__setitem__(0, None))
    return get
