"""Notifications a member may still see.

A notification about a group's content is stored only if the recipient could see it
then (``services.notification_create``), and it is shown — under the bell, on the
notifications page, in the digest — only while they still can: a member removed from a
private group no longer sees what was said there.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from community.models import Notification, User

from .visibility import group_content_q


def visible_notifications_q(*, viewer: User) -> Q:
    return group_content_q(viewer=viewer, prefix="group")


def notification_list(*, viewer: User) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=viewer)
        .filter(visible_notifications_q(viewer=viewer))
        .select_related("actor", "actor__profile", "group")
        .order_by("-created_at", "-pk")
    )


def unread_notification_count(*, viewer) -> int:
    if viewer is None or not viewer.is_authenticated:
        return 0
    return notification_list(viewer=viewer).filter(read_at__isnull=True).count()
