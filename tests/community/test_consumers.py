"""The live bell over Channels, against the real Redis layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from community import services
from community.models import Group, Notification
from community.routing import websocket_urlpatterns
from tests.community.factories import GroupFactory, UserFactory

pytestmark = [pytest.mark.realtime, pytest.mark.django_db(transaction=True)]

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


def _session_cookie(user) -> bytes:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}".encode()


async def _connect(user=None) -> WebsocketCommunicator:
    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if user is not None:
        cookie = await sync_to_async(_session_cookie)(user)
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/notifications/", headers=headers)


async def test_anonymous_visitors_are_refused(redis_channel_layer):
    communicator = await _connect()
    connected, code = await communicator.connect(timeout=5)
    assert not connected
    assert code == 4401


async def test_member_gets_the_current_count_on_connect_and_live_updates(redis_channel_layer):
    member = await sync_to_async(UserFactory)()
    await sync_to_async(services.notification_create)(
        recipient=member, verb=Notification.Verb.REPLY, title="First"
    )
    communicator = await _connect(member)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    assert await communicator.receive_json_from() == {"type": "notification.count", "unread": 1}

    await sync_to_async(services.notification_create)(
        recipient=member, verb=Notification.Verb.MENTION, title="Second"
    )
    assert await communicator.receive_json_from(timeout=3) == {
        "type": "notification.count",
        "unread": 2,
    }
    await communicator.disconnect()


async def test_reading_all_pushes_zero(redis_channel_layer):
    member = await sync_to_async(UserFactory)()
    await sync_to_async(services.notification_create)(
        recipient=member, verb=Notification.Verb.REPLY, title="First"
    )
    communicator = await _connect(member)
    await communicator.connect(timeout=5)
    await communicator.receive_json_from()
    await sync_to_async(services.notifications_mark_all_read)(user=member)
    assert await communicator.receive_json_from(timeout=3) == {
        "type": "notification.count",
        "unread": 0,
    }
    await communicator.disconnect()


async def test_one_members_socket_hears_nothing_of_another_members_notifications(
    redis_channel_layer,
):
    member, other = await sync_to_async(UserFactory.create_batch)(2)
    communicator = await _connect(member)
    await communicator.connect(timeout=5)
    await communicator.receive_json_from()
    await sync_to_async(services.notification_create)(
        recipient=other, verb=Notification.Verb.REPLY, title="Not for you"
    )
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_private_group_content_is_not_pushed_to_non_members(redis_channel_layer):
    member = await sync_to_async(UserFactory)()
    group = await sync_to_async(GroupFactory)(privacy=Group.Privacy.PRIVATE)
    communicator = await _connect(member)
    await communicator.connect(timeout=5)
    await communicator.receive_json_from()
    created = await sync_to_async(services.notification_create)(
        recipient=member, verb=Notification.Verb.NEW_CONTENT, title="Private", group=group
    )
    assert created is None
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()
