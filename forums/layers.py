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
(Redis restarting, failing over, or the worker's connection lost) is not kept for it.
The sockets themselves stay open through such a gap, so nothing would tell a page that
it missed something: when the worker's subscription comes back after a failure, the
layer hands every local channel a ``layer.reconnected`` message, and each consumer
catches up as it does on reconnect (a topic page is asked to ``resume`` from what it
last saw; the bell re-reads its count), without closing: 2,000 sockets reconnecting at
once after a Redis failover would be a storm of their own. redis-py asks Sentinel for
the new master when the hosts name sentinels. Every consumer on this layer handles it.
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
from channels_redis.utils import _wrap_close
from redis.asyncio.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: What every local channel is handed when the worker's subscription is back after a
#: failure (consumers implement ``layer_reconnected``).
RECONNECTED = "layer.reconnected"
#: How long the receive loop waits before trying a lost connection again.
RETRY_SECONDS = 0.5


class _PubSub(PubSub):
    """redis-py's pub/sub, telling its owner when it subscribed again on a new
    connection (redis-py calls ``on_connect`` on every reconnection; the first
    connection subscribes through the commands themselves)."""

    def __init__(self, *args, on_reconnect, **kwargs):
        super().__init__(*args, **kwargs)
        self._on_reconnect = on_reconnect

    async def on_connect(self, connection):
        await super().on_connect(connection)
        self._on_reconnect()


class _Shard(RedisSingleShardConnection):
    """One Redis connection's subscriptions, decoding each group message once and
    noticing when the subscription was cut: redis-py reconnects by itself (within a
    read, through its retries, or on the next read after a failure) and subscribes
    again in its ``on_connect``; that callback marks a gap, and the first read after it
    announces the gap to the local channels."""

    _gap = False

    def _ensure_redis(self):
        if self._redis is not None:
            return
        super()._ensure_redis()
        self._pubsub = _PubSub(
            self._redis.connection_pool,
            event_dispatcher=self._redis._event_dispatcher,
            on_reconnect=self._mark_gap,
        )

    def _mark_gap(self):
        self._gap = True

    async def _do_receiving(self):
        failing, logged = False, 0.0
        while True:
            try:
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=0.1
                    )
                    if failing or self._gap:
                        failing = self._gap = False
                        logger.warning("channel layer: subscribed again after a lost connection")
                        self._announce_gap()
                    self._receive_message(message)
                else:
                    await asyncio.sleep(0.1)
            except (asyncio.CancelledError, TimeoutError, GeneratorExit):
                raise
            except (RedisConnectionError, RedisTimeoutError) as exc:
                # One line every ten seconds while Redis is away, not a traceback a second.
                if time.monotonic() - logged >= 10:
                    logged = time.monotonic()
                    logger.warning("channel layer cannot reach Redis: %s", exc)
                failing = True
                await asyncio.sleep(RETRY_SECONDS)
            except Exception:
                logger.exception("unexpected exception in the channel layer's receive task")
                failing = True
                await asyncio.sleep(1)

    def _announce_gap(self):
        layer = self.channel_layer
        subscribed = self._subscribed_to
        for channel in list(layer.channels):
            if channel in subscribed or any(
                channel in members for group, members in layer.groups.items() if group in subscribed
            ):
                layer.channels[channel].put_nowait({"type": RECONNECTED})

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
