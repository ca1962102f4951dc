"""With Redis unreachable the cache behaves like an empty one: pages and posts go on,
only what truly needs Redis stops (found by tests/bench/bench_faults.py)."""

import socket

import pytest

from core import ratelimit
from core.cache import ResilientRedisCache


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def unreachable():
    return ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )


@pytest.fixture
def reachable(settings):
    url = settings.REDIS_URL or "redis://127.0.0.1:26379/7"
    cache = ResilientRedisCache(url, {"KEY_PREFIX": "test-resilient"})
    yield cache
    cache.delete_many(["k", "n"])


def test_unreachable_cache_reads_return_the_default(unreachable):
    assert unreachable.get("k", "fallback") == "fallback"
    assert unreachable.get_many(["k"]) == {}
    assert unreachable.has_key("k") is False


def test_unreachable_cache_writes_are_dropped_without_error(unreachable):
    unreachable.set("k", 1)
    unreachable.delete("k")
    unreachable.delete_many(["k"])

    assert unreachable.set_many({"k": 1}) == ["k"]
    assert unreachable.get("k") is None


def test_unreachable_cache_add_succeeds_and_incr_reports_a_missing_key(unreachable):
    assert unreachable.add("k", 1) is True
    with pytest.raises(ValueError, match="not found"):
        unreachable.incr("k")


def test_posting_rate_limit_lets_posts_through_when_the_cache_is_unreachable(
    unreachable, monkeypatch
):
    monkeypatch.setattr(ratelimit, "cache", unreachable)

    assert all(ratelimit.allow("post:1", limit=2, window=60) for _ in range(5))


def test_reachable_cache_still_stores_and_counts(reachable):
    reachable.set("k", "v")
    assert reachable.add("n", 1) is True
    assert reachable.add("n", 1) is False

    assert reachable.get("k") == "v"
    assert reachable.incr("n") == 2
