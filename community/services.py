"""Writes of the community app: follows and notifications (groups and profiles grow
here too). Side effects (live updates, email) run after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from . import selectors
from .models import Follow, Group, Notification, User

logger = logging.getLogger(__name__)


def notification_channel_group(user_id: int) -> str:
    """The channel-layer group a member's open pages listen on for the bell."""
    return f"notifications.user.{user_id}"


def _broadcast_unread_count(user_id: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    unread = Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()
    try:
        async_to_sync(layer.group_send)(
            notification_channel_group(user_id),
            {"type": "notification.count", "unread": unread},
        )
    except Exception:
        # A live badge is a convenience; the notification itself is already stored.
        logger.warning("could not broadcast unread count to user %s", user_id, exc_info=True)


@transaction.atomic
def notification_create(
    *,
    recipient: User,
    verb: str,
    title: str,
    url: str = "",
    actor: User | None = None,
    target: models.Model | None = None,
    group: Group | None = None,
) -> Notification | None:
    """Notify one member, unless they are the actor or cannot see the subject."""
    if actor is not None and recipient.pk == actor.pk:
        return None
    if not recipient.is_active:
        return None
    if not selectors.can_view_group_content(viewer=recipient, group=group):
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        actor=actor,
        verb=verb,
        title=title[:300],
        url=url,
        group=group,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
    )
    transaction.on_commit(lambda: _broadcast_unread_count(recipient.pk))
    return notification


def notifications_create_many(
    *,
    recipients: Iterable[User],
    verb: str,
    title: str,
    url: str = "",
    actor: User | None = None,
    target: models.Model | None = None,
    group: Group | None = None,
) -> int:
    """Notify several members (e.g. the followers of a topic); returns how many."""
    created = 0
    for recipient in {r.pk: r for r in recipients}.values():
        if notification_create(
            recipient=recipient,
            verb=verb,
            title=title,
            url=url,
            actor=actor,
            target=target,
            group=group,
        ):
            created += 1
    return created


@transaction.atomic
def follow_create(*, user: User, target: models.Model) -> Follow:
    follow, _ = Follow.objects.get_or_create(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    )
    return follow


@transaction.atomic
def follow_delete(*, user: User, target: models.Model) -> None:
    Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).delete()
