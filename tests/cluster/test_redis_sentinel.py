"""The cache, the rate limits and the channel layer on Redis behind Sentinel (``scripts/
services.sh sentinel-start``: a master, a replica, three sentinels), configured the way
the settings build them from ``REDIS_SENTINELS`` and ``REDIS_SENTINEL_MASTER``. Each
failover SIGKILLs the master, as a lost machine; the node comes back as a replica."""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest
from django.core.cache import cache

from core import ratelimit
from tests.settings_probe import run_python

pytestmark = [pytest.mark.cluster]


@pytest.fixture
def sentinel_cache(settings, redis_ha):
    """The test process's cache on the Sentinel-managed Redis, as base.py builds it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"sentinel://{redis_ha.master_name}/0",
            "KEY_PREFIX": f"test-ha-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {
                "sentinels": redis_ha.sentinels,
                "master_name": redis_ha.master_name,
                "db": 0,
                "socket_connect_timeout": 2,
                "socket_timeout": 2,
            },
        }
    }
    return cache


def _until(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return check()


def test_the_settings_build_the_cache_and_channel_layer_from_the_sentinel_variables(redis_ha):
    code = (
        "import django, json; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.cache import cache\n"
        "from channels.layers import get_channel_layer\n"
        "from asgiref.sync import async_to_sync\n"
        "cache.set('probe', 'v', 30)\n"
        "layer = get_channel_layer()\n"
        "async def roundtrip():\n"
        "    channel = await layer.new_channel()\n"
        "    await layer.send(channel, {'type': 'probe'})\n"
        "    return (await layer.receive(channel))['type']\n"
        "print(json.dumps({'cache': cache.get('probe'), 'layer': async_to_sync(roundtrip)(),\n"
        "  'hosts': settings.CHANNEL_LAYERS['default']['CONFIG']['hosts']}))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "DJANGO_"))}
    env.update(redis_ha.env, DJANGO_SETTINGS_MODULE="config.settings.dev")
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert '"cache": "v"' in result.stdout
    assert '"layer": "probe"' in result.stdout
    assert f'"master_name": "{redis_ha.master_name}"' in result.stdout


def test_the_cache_answers_through_a_failover_and_keeps_what_it_held(failover, sentinel_cache):
    sentinel_cache.set("kept", "before the failover", timeout=300)
    failover.replicated()

    failover.fail_over()
    # While clients still find the old address the cache answers as an empty one.
    sentinel_cache.get("kept")

    assert _until(lambda: sentinel_cache.get("kept")) == "before the failover"
    sentinel_cache.set("written", "after the failover", timeout=300)
    assert sentinel_cache.get("written") == "after the failover"


def test_a_rate_limit_keeps_counting_across_a_failover(failover, sentinel_cache, settings):
    key = f"member:{uuid.uuid4().hex}"
    for _ in range(3):
        assert ratelimit.allow(key, limit=4, window=300)
    failover.replicated()

    failover.fail_over()
    assert _until(lambda: sentinel_cache.get(f"rl:{key}:300") == 3), "the count was lost"

    assert ratelimit.allow(key, limit=4, window=300)
    assert not ratelimit.allow(key, limit=4, window=300)


def test_the_channel_layer_tells_its_sockets_to_resume_after_a_failover(failover):
    """A worker's subscription comes back on the new master; every local channel hears
    ``layer.reconnected`` (the consumers ask their pages to resume), and
    messages flow again."""
    from forums.layers import RECONNECTED, LocalFanoutChannelLayer

    host = {
        "sentinels": failover.sentinels,
        "master_name": failover.master_name,
        "socket_connect_timeout": 2,
    }

    async def scenario() -> tuple[str, dict]:
        prefix = f"test-ha-{uuid.uuid4().hex[:6]}"
        receiver = LocalFanoutChannelLayer(hosts=[host], prefix=prefix)
        sender = LocalFanoutChannelLayer(hosts=[host], prefix=prefix)
        channel = await receiver.new_channel()
        await receiver.group_add("topic", channel)
        await sender.group_send("topic", {"type": "before"})
        assert (await asyncio.wait_for(receiver.receive(channel), 5))["type"] == "before"

        await asyncio.to_thread(failover.fail_over)
        told = await asyncio.wait_for(receiver.receive(channel), 30)
        for _ in range(60):
            try:
                await sender.group_send("topic", {"type": "after"})
                break
            except Exception:  # noqa: BLE001 - the sender's pool still finds the old master
                await asyncio.sleep(0.5)
        after = await asyncio.wait_for(receiver.receive(channel), 10)
        await receiver.flush()
        await sender.flush()
        return told["type"], after

    told, after = asyncio.run(scenario())
    assert told == RECONNECTED
    assert after["type"] == "after"
