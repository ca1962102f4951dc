"""The live bell: a member's open pages hear their unread count change.

Only signed-in members connect (the session authenticates the socket); each joins the
channel-layer group ``notifications.user.<id>``, to which
``services.notification_create`` sends ``notification.count`` after commit. On connect
the current count is sent at once, so a page that reconnects after a drop catches up;
when the worker's channel-layer subscription was lost and is back (``layer.reconnected``,
see ``forums.layers``), the count is read and sent again, since changes in between were
never heard.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from community import selectors, services


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group_name: str | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.group_name = services.notification_channel_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        await self.send_count()

    async def send_count(self) -> None:
        user = self.scope["user"]
        unread = await database_sync_to_async(selectors.unread_notification_count)(viewer=user)
        await self.send_json({"type": "notification.count", "unread": unread})

    async def disconnect(self, code: int) -> None:
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        """The socket is one-way; clients only listen."""

    async def notification_count(self, event: dict) -> None:
        await self.send_json({"type": "notification.count", "unread": int(event["unread"])})

    async def layer_reconnected(self, event: dict) -> None:
        await self.send_count()
