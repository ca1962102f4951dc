"""Following: how members choose what they hear about, and how they hear it.

What may be followed, and by whom, is the registry in :mod:`community.follows`; every
app that has news for followers calls :func:`followers_notify` (one mechanism: watching a
forum topic is following it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from community import follows, selectors
from community.models import Follow, Group, Notification, User

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
def follow_mute_set(*, user: User, target: models.Model, muted: bool) -> bool:
    """Mute (or unmute) something the member follows: it stays followed and listed but
    brings no notifications and so no digest lines. Returns whether a follow changed."""
    return bool(
        Follow.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
        )
        .exclude(muted=muted)
        .update(muted=muted)
    )


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
    addressed: Collection[int] = (),
) -> int:
    """Tell the followers of any of ``followed`` (a topic, its category, its group, its
    author…) about ``target``, once each; returns how many were told.

    ``followed`` is in order of closeness: a member who follows several of them hears
    once, as news of the first one they follow (that kind's delivery choice applies,
    :mod:`community.delivery`); members in ``addressed`` (the author of the topic
    replied to) hear it as news addressed to them. Muted follows bring nothing.
    The notification service drops the actor and anyone who may not see ``group``'s
    content (the visibility selector); a subject that belongs to no group must be
    visible to everyone who may follow it (the caller checks, e.g. ``public_pages``).
    ``exclude`` holds members already told another way (mentions).
    """
    told = set(exclude)
    created = 0
    for obj in followed:
        recipients = [u for u in selectors.followers_of(target=obj) if u.pk not in told]
        if not recipients:
            continue
        told.update(user.pk for user in recipients)
        selectors.prime_member_group_ids(recipients)
        news = _news_of(obj)
        for batch_news, batch in (
            (Notification.News.PERSONAL, [u for u in recipients if u.pk in addressed]),
            (news, [u for u in recipients if u.pk not in addressed]),
        ):
            created += notifications_create_many(
                recipients=batch,
                verb=verb,
                title=title,
                url=url,
                actor=actor,
                target=target,
                group=group,
                news=batch_news,
            )
    return created


def _news_of(obj: models.Model) -> str:
    """The kind of news something followed brings: its followable kind's key."""
    kind = follows.kind_for(obj)
    if kind is not None and kind.key in Notification.News.values:
        return kind.key
    return Notification.News.PERSONAL
