"""Following: how members choose what they hear about, and how they hear it.

What may be followed, and by whom, is the registry in :mod:`community.follows`; every
app that has news for followers calls :func:`followers_notify` (one mechanism: watching a
forum topic is following it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from community import selectors
from community.models import Follow, Group, User

from .notifications import notifications_create_many


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


def followers_notify(
    *,
    followed: Iterable[models.Model],
    verb: str,
    title: str,
    url: str,
    actor: User | None = None,
    target: models.Model | None = None,
    group: Group | None = None,
    exclude: Collection[int] = (),
) -> int:
    """Tell the followers of any of ``followed`` (a topic, its category, its group, its
    author…) about ``target``, once each; returns how many were told.

    The notification service drops the actor and anyone who may not see ``group``'s
    content (the visibility selector); a subject that belongs to no group must be
    visible to everyone who may follow it (the caller checks, e.g. ``public_pages``).
    ``exclude`` holds members already told another way (mentions).
    """
    recipients = [
        user for user in selectors.followers_of(targets=followed) if user.pk not in exclude
    ]
    selectors.prime_member_group_ids(recipients)
    return notifications_create_many(
        recipients=recipients,
        verb=verb,
        title=title,
        url=url,
        actor=actor,
        target=target,
        group=group,
    )
