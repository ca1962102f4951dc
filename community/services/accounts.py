"""Leaving the platform: export my data, delete my account.

Deleting keeps the user row, anonymised and inactive, so that posts other people replied
to stay readable and are attributed to "former member" — unless the member asks for
their content to go too, which other apps do on the ``account_deleting`` signal.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from community.exports import account_deleting, export_sections
from community.models import (
    Follow,
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    Profile,
    User,
)

logger = logging.getLogger(__name__)


def account_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about a member, as JSON-ready data: one section per
    declaration in an app's ``privacy.py`` (see :mod:`community.exports`)."""
    return {section.name: section.export(user) for section in export_sections()}


def _hand_over_groups(user: User) -> None:
    """A group always keeps an owner: when its only owner leaves, the longest-standing
    moderator (or else member) takes over."""
    for membership in Membership.objects.filter(user=user, role=Membership.Role.OWNER):
        group = membership.group
        others = group.memberships.exclude(user=user).filter(user__is_active=True)
        if others.filter(role=Membership.Role.OWNER).exists():
            continue
        successor = (
            others.filter(role=Membership.Role.MODERATOR).order_by("joined_at").first()
            or others.order_by("joined_at").first()
        )
        if successor is not None:
            successor.role = Membership.Role.OWNER
            successor.save(update_fields=["role"])
        else:
            logger.warning("group %s has no member left after account deletion", group.pk)


@transaction.atomic
def account_delete(*, user: User, delete_content: bool = False) -> None:
    """Delete a member's account: anonymise the row, clear the profile, drop their
    memberships, follows, notifications and sessions."""
    account_deleting.send(sender=User, user=user, delete_content=delete_content)
    _hand_over_groups(user)
    Membership.objects.filter(user=user).delete()
    JoinRequest.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED, responded_at=timezone.now()
    )
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    # Signing in through an organisation must not reach the anonymised account.
    SocialAccount.objects.filter(user=user).delete()
    profile = user.profile
    if profile.avatar:
        storage, name = profile.avatar.storage, profile.avatar.name
        transaction.on_commit(lambda: storage.delete(name))
    profile.themes.clear()
    Profile.objects.filter(pk=profile.pk).update(
        display_name="",
        organisation="",
        role="",
        country=None,
        languages=[],
        bio="",
        avatar="",
        digest_frequency=Profile.DigestFrequency.OFF,
    )
    suffix = secrets.token_hex(6)
    user.email = f"former-{user.pk}-{suffix}@deleted.invalid"
    user.handle = f"former-member-{user.pk}"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
    logger.info("account %s deleted (delete_content=%s)", user.pk, delete_content)
