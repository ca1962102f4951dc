"""A fixed-window counter per member in the cache (Redis in production), shared by
every worker, so a flood from one member is refused wherever it lands."""

from __future__ import annotations

import time

from django.core.cache import cache


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key``; ``False`` once more than ``limit`` hits fell in the
    current ``window`` seconds."""
    bucket = int(time.time() // window)
    cache_key = f"forums:rl:{key}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit
