"""Writes of single sign-on: what signing in through an organisation's provider gives a
member (the organisation on the profile, the groups it chose), and connecting a provider
to an existing account only after its owner proved who they are."""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialLogin
from django.db import transaction
from django.http import HttpRequest

from community import selectors
from community.models import Group, User

from .groups import _add_member

logger = logging.getLogger(__name__)

#: The provider sign-in waiting for its account's owner to sign in once with their
#: password (serialised allauth ``SocialLogin``).
PENDING_SESSION_KEY = "sso_pending_connection"
#: The provider the current session signed in through, for RP-initiated logout.
SIGNED_IN_SESSION_KEY = "sso_signed_in"


@transaction.atomic
def sign_in_apply_organisation(*, user: User, provider_id: str) -> list[Group]:
    """Put the provider's organisation on the member's profile (unless they wrote one
    themselves; who sees it stays their choice) and join the groups the organisation
    chose. Idempotent: run on every sign-in through the provider. Returns the groups
    joined now."""
    rule = selectors.organisation_sign_in(provider_id=provider_id)
    if rule is None:
        return []
    if rule.organisation is not None:
        profile = user.profile
        if not profile.organisation:
            profile.organisation = rule.organisation.name
            profile.save(update_fields=["organisation"])
    joined = []
    for group in rule.groups.exclude(memberships__user=user):
        _add_member(group=group, user=user)
        joined.append(group)
    if joined:
        logger.info("user %s joined %s groups through %s", user.pk, len(joined), provider_id)
    return joined


def pending_connection_stash(*, request: HttpRequest, sociallogin: SocialLogin) -> None:
    """Keep a provider sign-in whose address belongs to an existing account until that
    account's owner signs in; nothing is written to the database yet."""
    request.session[PENDING_SESSION_KEY] = sociallogin.serialize()


def pending_connection_email(*, request: HttpRequest) -> str | None:
    data = request.session.get(PENDING_SESSION_KEY)
    if not data:
        return None
    return (data.get("user", {}).get("email") or "").lower() or None


@transaction.atomic
def pending_connection_complete(*, request: HttpRequest, user: User) -> SocialLogin | None:
    """Connect the waiting provider sign-in to ``user`` if it asserted ``user``'s own
    address: the member has just proved they own the account. A sign-in for another
    address is dropped, never attached to whoever signs in next."""
    data = request.session.pop(PENDING_SESSION_KEY, None)
    if not data:
        return None
    sociallogin = SocialLogin.deserialize(data)
    email = (sociallogin.user.email or "").lower()
    owns_address = email == user.email.lower() or (
        EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )
    if not email or not owns_address:
        logger.info("dropped a pending provider connection for another address")
        return None
    sociallogin.connect(request, user)  # community.signals applies the organisation
    return sociallogin


def signed_in_remember(
    *, request: HttpRequest, provider_id: str, id_token: str, origin: str | None
) -> None:
    """Remember the provider this session signed in through: sign-out sends the browser
    there (RP-initiated logout), so every page's sign-out form may lead to ``origin``."""
    request.session[SIGNED_IN_SESSION_KEY] = {
        "provider_id": provider_id,
        "id_token": id_token,
        "origin": origin,
    }
