"""The email digest: one email per member (daily or weekly, as they chose) with what
they have not read or been emailed yet, of the kinds of news they want in the digest
(:mod:`community.delivery`) — and can *still* see. Lines are grouped by kind of news
(about you, then what they follow, kind by kind).

Visibility is re-checked at send time with the one visibility rule (memberships are
primed per chunk so the check costs no query per member): someone removed from a
private group is never emailed what was said there. Members are read in chunks and all
mail goes through one connection, so memory stays flat however many members there are.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from community import delivery, selectors
from community.models import Notification, Profile, User

from .common import absolute_url

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.digest-unsubscribe"
ITEMS_PER_DIGEST = 20


def unsubscribe_token(user: User) -> str:
    """A token for the one-click unsubscribe link: signed, needs no log-in, does not
    expire (old digests keep working)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(user.pk))


def unsubscribe_url(user: User) -> str:
    return absolute_url(reverse("community:digest_unsubscribe", args=[unsubscribe_token(user)]))


def _unsubscribe_url_fast(user: User, prefix: str) -> str:
    """``unsubscribe_url`` without a ``reverse()`` per member (the digest's hot loop)."""
    return f"{prefix}{unsubscribe_token(user)}/"


def user_from_unsubscribe_token(token: str) -> User | None:
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.select_related("profile").filter(pk=pk, is_active=True).first()


@transaction.atomic
def digest_unsubscribe(*, user: User) -> None:
    Profile.objects.filter(user=user).update(digest_frequency=Profile.DigestFrequency.OFF)
    logger.info("user %s unsubscribed from the digest", user.pk)


@dataclass
class DigestStats:
    sent: int = 0
    skipped: int = 0
    notifications: int = 0


def _pending() -> Exists:
    return Exists(
        Notification.objects.filter(
            recipient=OuterRef("pk"), read_at__isnull=True, emailed_at__isnull=True
        )
    )


def _id_chunks(frequency: str, size: int) -> Iterator[list[int]]:
    ids = (
        User.objects.filter(
            is_active=True, deleted_at__isnull=True, profile__digest_frequency=frequency
        )
        .filter(_pending())
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chunk: list[int] = []
    for pk in ids.iterator(chunk_size=size):
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _message(
    user: User, items: list[Notification], frequency: str, urls: dict[str, str]
) -> EmailMultiAlternatives:
    unsubscribe = _unsubscribe_url_fast(user, urls["unsubscribe_prefix"])
    shown = items[:ITEMS_PER_DIGEST]
    context = {
        "user": user,
        "items": shown,
        "sections": _sections(shown),
        "more": max(0, len(items) - ITEMS_PER_DIGEST),
        "total": len(items),
        "frequency": frequency,
        "site_url": urls["site"],
        "notifications_url": urls["notifications"],
        "unsubscribe_url": unsubscribe,
    }
    subject = render_to_string("community/email/digest_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("community/email/digest_message.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("community/email/digest_message.html", context), "text/html"
    )
    return message


def _sections(items: list[Notification]) -> list[tuple[str, list[Notification]]]:
    """The digest's lines under one heading per kind of news, in the kinds' order."""
    by_news: dict[str, list[Notification]] = defaultdict(list)
    for note in items:
        by_news[note.news].append(note)
    return [(label, by_news[news]) for news, label in delivery.news_kinds() if news in by_news]


def digests_send(*, frequency: str, connection=None, chunk_size: int = 500) -> DigestStats:
    """Send the ``frequency`` ("daily" or "weekly") digest to every member who chose it
    and has something new they may still see. Returns what was sent and skipped."""
    if frequency not in (Profile.DigestFrequency.DAILY, Profile.DigestFrequency.WEEKLY):
        raise ValueError(f"unknown digest frequency {frequency!r}")
    stats = DigestStats()
    own_connection = connection is None
    connection = connection or get_connection()
    connection.open()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            sample = reverse("community:digest_unsubscribe", args=["TOKEN"])
            urls = {
                "site": absolute_url(""),
                "notifications": absolute_url(reverse("community:notifications")),
                "unsubscribe_prefix": absolute_url(sample[: sample.index("TOKEN")]),
            }
            for ids in _id_chunks(frequency, chunk_size):
                _send_chunk(ids, frequency, connection, stats, urls)
    finally:
        if own_connection:
            connection.close()
    logger.info(
        "%s digests: %d sent, %d skipped, %d notifications",
        frequency,
        stats.sent,
        stats.skipped,
        stats.notifications,
    )
    return stats


def _send_chunk(
    ids: list[int], frequency: str, connection, stats: DigestStats, urls: dict[str, str]
) -> None:
    users = list(User.objects.filter(pk__in=ids).select_related("profile").order_by("pk"))
    selectors.prime_member_group_ids(users)
    by_recipient: dict[int, list[Notification]] = defaultdict(list)
    notes = (
        Notification.objects.filter(
            recipient_id__in=ids, read_at__isnull=True, emailed_at__isnull=True
        )
        .select_related("actor", "actor__profile", "group")
        .order_by("recipient_id", "-created_at", "-pk")
    )
    for note in notes:
        by_recipient[note.recipient_id].append(note)
    messages, emailed = [], []
    for user in users:
        items = [
            n
            for n in by_recipient.get(user.pk, [])
            if delivery.goes_in_digest(recipient=user, notification=n)
            and selectors.can_view_group_content(viewer=user, group=n.group)
        ]
        if not items:
            stats.skipped += 1
            continue
        messages.append(_message(user, items, frequency, urls))
        emailed.extend(n.pk for n in items)
    if messages:
        connection.send_messages(messages)
        Notification.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    stats.sent += len(messages)
    stats.notifications += len(emailed)
