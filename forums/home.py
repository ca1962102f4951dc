"""Forums on the home page: the discussions active lately and the live sessions open
now, as an anonymous visitor may see them (the front door shows public content only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from core.home import HomeBlock, register

from . import selectors

SHOWN = 5


def discussions_block(*, home) -> dict[str, Any]:
    topics = selectors.topic_list(viewer=AnonymousUser()).order_by("-last_activity_at", "-pk")
    return {"topics": list(topics[:SHOWN])}


def live_sessions_block(*, home) -> dict[str, Any]:
    """Open rooms, those attached to a session (an event) first, newest first."""
    rooms = selectors.room_list(viewer=AnonymousUser()).filter(is_open=True)
    return {"rooms": list(rooms.order_by("-event_name", "-created_at", "-pk")[:SHOWN])}


register(
    HomeBlock(
        "live_sessions", "forums/includes/home_live_sessions.html", live_sessions_block, order=30
    )
)
register(
    HomeBlock("discussions", "forums/includes/home_discussions.html", discussions_block, order=40)
)
