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

from community.models import Membership
from forums.services import topic_move
from tests.community.factories import UserFactory
from tests.forums.factories import (
    CategoryFactory,
    GroupFactory,
    LiveRoomFactory,
    MembershipFactory,
    TopicFactory,
)
from tests.quality.factories import ROLES

# WebSocket routes (config/routing.py), each in the variants that matter: "accept" or
# "refuse" per viewer. ``[private]`` targets belong to a private group of which the
# member and the moderator are part, and the outsider is not.
WS_EXPECTED: dict[str, str] = {
    "ws/notifications/": "refuse accept accept accept accept",
    "ws/forums/topics/<int:pk>/[public]": "refuse accept accept accept accept",
    "ws/forums/topics/<int:pk>/[private]": "refuse accept refuse accept accept",
    "ws/forums/topics/<int:pk>/[missing]": "refuse refuse refuse refuse refuse",
    # moved by a site moderator before the viewer connects: the topic's new group decides
    "ws/forums/topics/<int:pk>/[moved-to-private]": "refuse accept refuse accept accept",
    "ws/forums/topics/<int:pk>/[moved-to-secret]": "refuse accept refuse accept accept",
    "ws/forums/topics/<int:pk>/[moved-to-public]": "refuse accept accept accept accept",
    "ws/rooms/<slug:slug>/[public]": "refuse accept accept accept accept",
    "ws/rooms/<slug:slug>/[private]": "refuse accept refuse accept accept",
    "ws/rooms/<slug:slug>/[secret]": "refuse accept refuse accept accept",
}


def _route(case: str) -> str:
    return case.split("[", 1)[0]


def _target_path(case: str, user, role: str) -> str:
    """The concrete path for ``case``, with its group (if any) joined by ``user`` when
    the role belongs to it (the outsider never does)."""
    route = _route(case)
    variant = case[len(route) :].strip("[]")
    if route == "ws/notifications/":
        return "/" + route
    if variant == "missing":
        return "/ws/forums/topics/999999/"
    group = None
    moved = variant.startswith("moved-to-")
    privacy = variant.removeprefix("moved-to-")
    if privacy in ("private", "secret"):
        group = GroupFactory(privacy=privacy)
        if role in _ROLE_IN_GROUP:
            MembershipFactory(group=group, user=user, role=_ROLE_IN_GROUP[role])
    if route.startswith("ws/forums/topics/"):
        if not moved:
            topic = TopicFactory(category=CategoryFactory(group=group))
            return f"/ws/forums/topics/{topic.pk}/"
        source = GroupFactory(privacy="public" if group is not None else "secret")
        topic = TopicFactory(category=CategoryFactory(group=source))
        topic_move(
            topic=topic,
            actor=UserFactory(is_staff=True, is_superuser=True),
            category=CategoryFactory(group=group),
        )
        return f"/ws/forums/topics/{topic.pk}/"
    room = LiveRoomFactory(group=group)
    return f"/ws/rooms/{room.slug}/"


_ROLE_IN_GROUP = {"member": Membership.Role.MEMBER, "moderator": Membership.Role.MODERATOR}


def _session_cookie(user) -> bytes:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}".encode()


def test_every_websocket_route_has_an_authorization_case():
    from config.routing import websocket_urlpatterns

    covered = {_route(case) for case in WS_EXPECTED}
    assert sorted({str(p.pattern) for p in websocket_urlpatterns} - covered) == []


@pytest.mark.realtime
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(WS_EXPECTED))
async def test_websocket_route_admits_each_viewer_as_the_table_says(case, role):
    from config.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    user = None
    if role != "anonymous":
        user = await sync_to_async(UserFactory)(
            email=f"ws-{role}-{uuid.uuid4().hex[:8]}@example.org",
            is_staff=role == "staff",
            is_superuser=role == "staff",
        )
        headers.append((b"cookie", await sync_to_async(_session_cookie)(user)))
    path = await sync_to_async(_target_path)(case, user, role)
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect(timeout=10)
    expected = dict(zip(ROLES, WS_EXPECTED[case].split(), strict=True))[role]
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


@pytest.mark.realtime
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("host", "origin", "trusted", "admitted"),
    [
        (b"testserver", b"http://testserver", [], True),
        (b"localhost:8000", b"http://localhost:8000", [], True),
        (b"localhost:8000", b"http://localhost:9999", [], False),
        (b"localhost:8000", b"http://localhost", [], False),
        (b"localhost", b"http://localhost:9999", [], False),
        (b"testserver", b"https://testserver", [], False),
        (b"testserver", b"http://localhost", [], False),
        (b"evil.example", b"http://evil.example", [], False),
        (b"internal:8000", b"https://commons.example", ["https://commons.example"], True),
        (b"internal:8000", b"https://commons.example:8443", ["https://commons.example"], False),
        (b"testserver", b"null", [], False),
    ],
)
async def test_websocket_origin_must_be_the_site_itself(host, origin, trusted, admitted, settings):
    """Scheme, host *and port* of the page must be the site's (the Host the browser
    asked for) or a configured trusted origin: another port of an allowed host is
    another site."""
    from config.asgi import application

    settings.ALLOWED_HOSTS = ["testserver", "localhost", "internal"]
    settings.CSRF_TRUSTED_ORIGINS = trusted
    user = await sync_to_async(UserFactory)(email=f"ws-{uuid.uuid4().hex[:8]}@example.org")
    headers = [
        (b"host", host),
        (b"origin", origin),
        (b"cookie", await sync_to_async(_session_cookie)(user)),
    ]
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, _code = await communicator.connect(timeout=10)
    assert connected is admitted
    await communicator.disconnect()
