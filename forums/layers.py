"""A channel layer that fans a group message out inside each worker.

channels-redis' ``RedisChannelLayer`` turns one ``group_send`` to a topic read by 500
sockets into 500 Redis writes, and each socket then pops its copy through its own
receive path (a lock, two tasks and a round trip per message per socket). Its
``RedisPubSubChannelLayer`` publishes once per group and each worker, subscribed once
per group, puts the bytes into the queue of every local member; every socket still
decodes its own copy. This layer is that pub/sub layer with the decoding done once per
worker: every local member of the group gets the *same* message object. Consumers must
therefore treat layer messages as read-only (``forums.consumers`` builds its frames
from them and never changes them).

Groups live in the worker's memory, so joining and leaving a group costs no Redis
command (only the first join and the last leave of a group in a worker subscribe or
unsubscribe); 500 sockets closing at once no longer need 500 pooled connections for
``group_discard`` (the ``MaxConnectionsError`` of issue 16), and a socket that dies
without leaving leaves nothing behind in Redis.

As with every pub/sub layer, a message published while a worker is not subscribed
(Redis restarting, Sentinel promoting a replica) is not kept for it. A socket that
stays open across the gap would never know what it missed, so when the worker's
subscription connection comes back (redis-py reconnects and subscribes again, asking
Sentinel for the new master when the hosts name sentinels) every local channel gets a
``layer.reconnected`` message: the consumers close with 1012 (service restart) and the
pages reconnect and catch up with ``resume``, as after any drop.
"""

from __future__ import annotations

import asyncio
import logging
import time

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, create_pool
from redis import asyncio as aioredis
from redis.asyncio.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RECONNECTED = "layer.reconnected"


class _ReconnectingPubSub(PubSub):
    """redis-py calls ``on_connect`` when the subscription connection is opened again
    (not on the first connect): channels are subscribed again, and the shard is told."""

    def __init__(self, *args, on_reconnect, **kwargs):
        super().__init__(*args, **kwargs)
        self._on_reconnect = on_reconnect

    async def on_connect(self, connection):
        await super().on_connect(connection)
        self._on_reconnect()


class _Shard(RedisSingleShardConnection):
    def _ensure_redis(self):
        if self._redis is None:
            pool = create_pool(self.host)
            self._redis = aioredis.Redis(connection_pool=pool)
            self._pubsub = _ReconnectingPubSub(pool, on_reconnect=self._reconnected)

    def _reconnected(self) -> None:
        layer = self.channel_layer
        logger.warning(
            "channel layer subscribed again after losing Redis: %d local sockets told to resume",
            len(layer.channels),
        )
        for queue in layer.channels.values():
            queue.put_nowait({"type": RECONNECTED})

    async def _do_receiving(self):
        """The parent's loop, with a lost connection logged as one line every ten
        seconds while Redis is away, not a traceback a second."""
        logged = 0.0
        while True:
            try:
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=0.1
                    )
                    self._receive_message(message)
                else:
                    await asyncio.sleep(0.1)
            except (asyncio.CancelledError, TimeoutError, GeneratorExit):
                raise
            except (RedisConnectionError, RedisTimeoutError) as exc:
                if time.monotonic() - logged >= 10:
                    logged = time.monotonic()
                    logger.warning("channel layer cannot reach Redis: %s", exc)
                await asyncio.sleep(0.5)
            except Exception:
                logger.exception("Unexpected exception in receive task")
                await asyncio.sleep(1)

    def _receive_message(self, message):
        if message is None:
            return
        name = message["channel"]
        if isinstance(name, bytes):
            name = name.decode()
        layer = self.channel_layer
        if name in layer.channels:
            targets = [name]
        else:
            targets = [c for c in layer.groups.get(name, ()) if c in layer.channels]
        if not targets:
            return
        try:
            decoded = layer.channel_layer.deserialize(message["data"])
        except Exception:
            logger.exception("could not decode a channel-layer message for %s", name)
            return
        for channel in targets:
            layer.channels[channel].put_nowait(decoded)


class _LoopLayer(RedisPubSubLoopLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shards = [_Shard(shard.host, self) for shard in self._shards]

    async def receive(self, channel):
        if channel not in self.channels:
            await self._subscribe_to_channel(channel)
        try:
            return await self.channels[channel].get()
        except (TimeoutError, asyncio.CancelledError, GeneratorExit):
            # The consumer is exiting (as in the parent class): forget its channel and
            # any group it did not leave, so nothing is queued for it any more.
            if self.channels.pop(channel, None) is not None:
                for group_channel, members in list(self.groups.items()):
                    members.discard(channel)
                    if not members:
                        del self.groups[group_channel]
                        await self._unsubscribe_quietly(group_channel)
                await self._unsubscribe_quietly(channel)
            raise

    async def _unsubscribe_quietly(self, name: str) -> None:
        try:
            await self._get_shard(name).unsubscribe(name)
        except Exception:
            logger.exception("could not unsubscribe %s", name)


class LocalFanoutChannelLayer(RedisPubSubChannelLayer):
    """``channels_redis.pubsub.RedisPubSubChannelLayer`` that decodes a group message
    once per worker and hands the same object to every local member."""

    def _get_layer(self):
        loop = asyncio.get_running_loop()
        try:
            return self._layers[loop]
        except KeyError:
            layer = self._layers[loop] = _LoopLayer(*self._args, **self._kwargs, channel_layer=self)
            _wrap_close(self, loop)
            return layer
