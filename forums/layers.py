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
(Redis restarting) is not kept for it: the pages catch up with ``resume`` on reconnect,
as with the expiry and capacity of the list-based layer.
"""

from __future__ import annotations

import asyncio
import logging

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close

logger = logging.getLogger(__name__)


class _Shard(RedisSingleShardConnection):
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
