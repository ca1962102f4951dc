"""How a notification reaches a member: by email at once, in the digest, or only on the
site (the bell and ``/notifications/``).

Every notification says what kind of news it is (``Notification.News``: addressed to
the member, or from a kind of thing they follow). The member chooses a delivery per kind
on their profile page; this module is the one place that reads that choice. The
notification service asks :func:`emails_at_once` when it stores a notification, the
digest asks :func:`goes_in_digest` when it gathers one; neither restates the rule.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models import Notification, Profile


class Delivery(models.TextChoices):
    EMAIL = "email", _("By email at once")
    DIGEST = "digest", _("In the digest")
    SITE = "site", _("Only on the site")


#: What a member who never chose gets: everything under the bell and in their digest.
DEFAULT_DELIVERY = Delivery.DIGEST


def news_kinds() -> list[tuple[str, str]]:
    """(value, label) of every kind of news a member chooses a delivery for."""
    return list(Notification.News.choices)


def delivery_for(*, profile: Profile | None, news: str) -> Delivery:
    """The member's delivery for ``news``; the default when unset or unknown."""
    chosen = (profile.news_delivery or {}).get(news) if profile is not None else None
    if chosen in Delivery.values:
        return Delivery(chosen)
    return DEFAULT_DELIVERY


def preferences_for(*, profile: Profile | None) -> dict[str, Delivery]:
    """Every kind of news and how it reaches the member (for the settings form)."""
    return {news: delivery_for(profile=profile, news=news) for news, _label in news_kinds()}


def _profile_of(user) -> Profile | None:
    return getattr(user, "profile", None)


def emails_at_once(*, recipient, notification: Notification) -> bool:
    return delivery_for(profile=_profile_of(recipient), news=notification.news) == Delivery.EMAIL


def goes_in_digest(*, recipient, notification: Notification) -> bool:
    return delivery_for(profile=_profile_of(recipient), news=notification.news) == Delivery.DIGEST
