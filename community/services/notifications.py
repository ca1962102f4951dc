"""Notifications: stored first, then pushed live to the member's open pages (the bell)
after the transaction commits. Other apps (forums, case-study comments) call
``notification_create`` and ``notifications_create_many``; keep their signatures."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from community import delivery, selectors
from community.models import Group, Notification, User

from .common import absolute_url

logger = logging.getLogger(__name__)


def notification_channel_group(user_id: int) -> str:
    """The channel-layer group a member's open pages listen on for the bell."""
    return f"notifications.user.{user_id}"


def _broadcast_unread_count(user_id: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    unread = selectors.unread_notification_count(viewer=user)
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
    news: str = Notification.News.PERSONAL,
) -> Notification | None:
    """Notify one member, unless they are the actor or cannot see the subject.

    ``news`` says why they hear of it (addressed to them, or which kind of thing they
    follow); their delivery choice for it (:mod:`community.delivery`) decides whether it
    is also emailed at once — then it is marked emailed and stays out of the digest."""
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
        news=news,
        title=title[:300],
        url=url,
        group=group,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
    )
    if delivery.emails_at_once(recipient=recipient, notification=notification):
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        transaction.on_commit(lambda: _email_at_once(notification.pk))
    transaction.on_commit(lambda: _broadcast_unread_count(recipient.pk))
    return notification


def _email_at_once(notification_id: int) -> None:
    """Email one notification to its recipient, in their language, after the commit."""
    notification = (
        Notification.objects.select_related("recipient__profile", "actor__profile")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        return
    recipient = notification.recipient
    profile = getattr(recipient, "profile", None)
    language = (profile.language if profile is not None else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "user": recipient,
            "notification": notification,
            "url": absolute_url(notification.url) if notification.url else "",
            "settings_url": absolute_url(reverse("community:profile_edit")) + "#news-delivery",
            "notifications_url": absolute_url(reverse("community:notifications")),
        }
        subject = render_to_string("community/email/notification_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("community/email/notification_message.txt", context),
            to=[recipient.email],
        )
    try:
        message.send()
    except Exception:
        # The notification is stored and shown under the bell; the email is a courtesy.
        logger.warning("could not email notification %s", notification_id, exc_info=True)


def notifications_create_many(
    *,
    recipients: Iterable[User],
    verb: str,
    title: str,
    url: str = "",
    actor: User | None = None,
    target: models.Model | None = None,
    group: Group | None = None,
    news: str = Notification.News.PERSONAL,
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
            news=news,
        ):
            created += 1
    return created


def broadcast_unread_count(*, user_id: int) -> None:
    """Push a member's unread count to their open pages once the transaction commits
    (after something changed it that was not a new notification: read, removal)."""
    transaction.on_commit(lambda: _broadcast_unread_count(user_id))


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        broadcast_unread_count(user_id=notification.recipient_id)


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    updated = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if updated:
        broadcast_unread_count(user_id=user.pk)
    return updated
