"""The authorization walker for WebSocket routes: every route in config/routing.py,
as each kind of viewer, through the real ASGI application (origin check and session
auth included). Kept apart from the HTTP walker because these tests need committed
data (``transaction=True``)."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from tests.community.factories import UserFactory
from tests.quality.factories import ROLES

# WebSocket routes (config/routing.py): "accept" or "refuse" per viewer.
WS_EXPECTED: dict[str, str] = {
    "ws/notifications/": "refuse accept accept accept accept",
}


def _session_cookie(user) -> bytes:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}".encode()


def test_every_websocket_route_has_an_authorization_case():
    from config.routing import websocket_urlpatterns

    assert sorted({str(p.pattern) for p in websocket_urlpatterns} - set(WS_EXPECTED)) == []


@pytest.mark.realtime
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", list(WS_EXPECTED))
async def test_websocket_route_admits_each_viewer_as_the_table_says(route, role):
    from config.asgi import application

    headers = [(b"origin", b"http://testserver")]
    if role != "anonymous":
        user = await sync_to_async(UserFactory)(
            email=f"ws-{role}-{uuid.uuid4().hex[:8]}@example.org",
            is_staff=role == "staff",
            is_superuser=role == "staff",
        )
        headers.append((b"cookie", await sync_to_async(_session_cookie)(user)))
    communicator = WebsocketCommunicator(application, "/" + route, headers=headers)
    connected, _code = await communicator.connect(timeout=10)
    expected = dict(zip(ROLES, WS_EXPECTED[route].split(), strict=True))[role]
    assert connected is (expected == "accept")
    await communicator.disconnect()


@pytest.mark.realtime
@pytest.mark.django_db(transaction=True)
async def test_websocket_from_a_foreign_origin_is_refused():
    from config.asgi import application

    user = await sync_to_async(UserFactory)(email=f"ws-{uuid.uuid4().hex[:8]}@example.org")
    headers = [
        (b"origin", b"https://evil.example"),
        (b"cookie", await sync_to_async(_session_cookie)(user)),
    ]
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, _code = await communicator.connect(timeout=10)
    assert connected is False
