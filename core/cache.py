"""The Redis cache, made optional: when Redis is unreachable it behaves like an empty
cache instead of failing the request.

Django's ``RedisCache`` raises on a refused or timed-out connection, and a great deal
of the site reads the cache on every request — Wagtail's site root paths on every page
with a link, rate limits on every post, allauth's log-in limits. The fault benchmark
(``tests/bench/bench_faults.py``) showed every case-study page and every forum post
answering 500 while Redis was down. DESIGN.md asks that only what truly needs Redis
(live updates through the channel layer) stops; reading, posting and signing in must
go on, so here a connection failure is logged and treated as a miss:

- reads (``get``, ``get_many``, ``has_key``) return the default / nothing;
- ``add`` reports that the value was added (an empty cache would), so a fixed-window
  rate limit lets the first hit through instead of refusing everyone;
- ``incr`` raises ``ValueError``, as for a missing key;
- writes and deletes do nothing.

Only connection and timeout errors are absorbed; anything else (a bad command, a
serialisation bug) still raises. ``/healthz`` still reports the cache as failing,
because what it stores does not come back.

With ``OPTIONS["sentinels"]`` (``REDIS_SENTINELS`` in the settings) the cache asks Redis
Sentinel where the master is instead of connecting to a fixed address: Django's
``RedisCacheClient`` only builds pools from URLs, so :class:`SentinelRedisCacheClient`
builds redis-py's ``SentinelConnectionPool``, which looks the master up again whenever
a connection is opened and drops connections to a master that became a replica. While
the sentinels fail over (a few seconds) the cache answers as an unreachable one does.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 10.0


class SentinelRedisCacheClient(RedisCacheClient):
    """Django's Redis client with one pool: the master that Sentinel names now."""

    def __init__(
        self,
        servers,
        *,
        sentinels: list[tuple[str, int]],
        master_name: str,
        db: int = 0,
        **options,
    ) -> None:
        super().__init__(servers, **options)
        from redis.sentinel import Sentinel

        timeouts = {
            name: options[name]
            for name in ("socket_timeout", "socket_connect_timeout")
            if name in options
        }
        self._sentinel = Sentinel(sentinels, sentinel_kwargs=timeouts)
        self._master_name = master_name
        self._db = db

    def _get_connection_pool(self, write):
        if 0 not in self._pools:
            from redis.sentinel import SentinelConnectionPool

            self._pools[0] = SentinelConnectionPool(
                self._master_name, self._sentinel, db=self._db, **self._pool_options
            )
        return self._pools[0]


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        if "sentinels" in self._options:
            self._class = SentinelRedisCacheClient

    def _unreachable(self, operation: str, exc: Exception) -> None:
        # One line per process every few seconds, not one per request.
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("cache unreachable (%s treated as a miss): %s", operation, exc)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as exc:
            self._unreachable("add", exc)
            return True

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as exc:
            self._unreachable("get", exc)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as exc:
            self._unreachable("set", exc)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as exc:
            self._unreachable("touch", exc)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as exc:
            self._unreachable("delete", exc)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as exc:
            self._unreachable("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as exc:
            self._unreachable("has_key", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as exc:
            self._unreachable("incr", exc)
            raise ValueError(f"Key '{key}' not found (cache unreachable)") from exc

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as exc:
            self._unreachable("set_many", exc)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as exc:
            self._unreachable("delete_many", exc)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as exc:
            self._unreachable("clear", exc)
            return False
