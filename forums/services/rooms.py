"""Live rooms: a workshop's back-channel or a group's chat. Messages are stored first
and broadcast on commit, so a reconnecting client can always catch up from its last id."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community import rules
from community.models import Group, User
from core.markdown import clean_text

from .. import live, selectors
from ..conf import limit
from ..models import LiveRoom, ModerationAction, RoomMessage
from .audit import _audit
from .categories import unique_slug
from .moderation import _clean_reason
from .posts import _clean_body, render_body


def _message_changed(message: RoomMessage, name: str) -> None:
    """Log a change of one message and send ``name`` to the room once committed."""
    message_id = message.pk
    live.change_on_commit(
        room_id=message.room_id,
        touches=[("message", message_id)],
        build=lambda: live.message_event(name, message_id),
    )


@transaction.atomic
def room_create(
    *,
    name: str,
    created_by: User | None = None,
    group: Group | None = None,
    event_name: str = "",
    event_slug: str = "",
    description: str = "",
    slug: str = "",
) -> LiveRoom:
    """Open a room for a group or an event. Who may open one for a group is decided by
    ``community.rules.can_open_group_spaces``; site-wide rooms are for site moderators."""
    if created_by is not None:
        allowed = (
            rules.can_open_group_spaces(user=created_by, group=group)
            if group is not None
            else rules.is_site_moderator(created_by)
        )
        if not allowed:
            raise PermissionDenied
    name = " ".join(clean_text(name).split())[:160]
    if not name:
        raise ValidationError({"name": _("Give the room a name.")})
    return LiveRoom.objects.create(
        name=name,
        slug=slug or unique_slug(LiveRoom, name, fallback="room"),
        group=group,
        event_name=event_name,
        event_slug=event_slug,
        description=clean_text(description),
        created_by=created_by,
    )


@transaction.atomic
def room_message_create(*, room: LiveRoom, author: User, body: str) -> RoomMessage:
    """Store a message, then broadcast it to the room once committed."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionDenied
    room = LiveRoom.objects.select_related("group").get(pk=room.pk)
    if not selectors.can_view_room(viewer=author, room=room):
        raise LiveRoom.DoesNotExist
    if not room.is_open and not selectors.can_moderate_group(author, room.group_id):
        raise ValidationError({"body": _("This room is closed.")}, code="closed")
    text = _clean_body(body, max_chars=limit("ROOM_MESSAGE_MAX_CHARS"))
    html, _mentioned = render_body(text)
    message = RoomMessage.objects.create(room=room, author=author, body=text, body_html=html)
    _message_changed(message, "room.message")
    return message


@transaction.atomic
def room_message_hide(*, message: RoomMessage, actor: User, reason: str) -> RoomMessage:
    message = (
        RoomMessage.objects.select_for_update(of=("self",))
        .select_related("room")
        .get(pk=message.pk)
    )
    if not selectors.can_moderate_group(actor, message.room.group_id):
        raise PermissionDenied
    cleaned = _clean_reason(reason)
    message.hidden, message.hidden_reason, message.hidden_by = True, cleaned, actor
    message.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    _audit(
        actor=actor,
        action=ModerationAction.Action.HIDE_MESSAGE,
        room=message.room,
        reason=cleaned,
        details={"message": message.pk},
    )
    _message_changed(message, "room.message_hidden")
    return message
