"""The production channel layer (forums/layers.py) on the real Redis: many sockets
leaving a topic at once all leave it (issue 16: with channels-redis' list layer, 380 of
500 disconnects failed with ``MaxConnectionsError`` and stayed in the group), and one
group message reaches every local member once."""

import asyncio

import pytest
from channels.layers import get_channel_layer

pytestmark = pytest.mark.realtime

SOCKETS = 150  # more than redis-py's default pool of 100 connections


async def _join(layer, group: str) -> list[str]:
    channels = [await layer.new_channel() for _ in range(SOCKETS)]
    await asyncio.gather(*(layer.group_add(group, c) for c in channels))
    return channels


def test_sockets_leaving_a_topic_at_once_all_leave_it(redis_channel_layer):
    async def scenario() -> list:
        layer = get_channel_layer()
        channels = await _join(layer, "forums.topic.1")
        results = await asyncio.gather(
            *(layer.group_discard("forums.topic.1", c) for c in channels),
            return_exceptions=True,
        )
        await layer.flush()
        return [type(r).__name__ for r in results if isinstance(r, Exception)]

    assert asyncio.run(scenario()) == []


def test_a_group_message_reaches_every_member_once(redis_channel_layer):
    async def scenario() -> list[int]:
        layer = get_channel_layer()
        channels = await _join(layer, "forums.topic.2")
        await layer.group_send("forums.topic.2", {"type": "access.recheck", "n": 1})
        received = [await asyncio.wait_for(layer.receive(c), 10) for c in channels]
        extra = await asyncio.gather(
            *(asyncio.wait_for(layer.receive(c), 0.3) for c in channels[:3]),
            return_exceptions=True,
        )
        await layer.flush()
        return [m["n"] for m in received] + [e for e in extra if not isinstance(e, Exception)]

    assert asyncio.run(scenario()) == [1] * SOCKETS
