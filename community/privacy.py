"""What community holds about a member, for their data export and their account's
deletion (see :mod:`community.exports`). The account itself — profile, memberships,
follows, sessions — is anonymised by ``services.account_delete``; what is declared here
is what other members hold that came from this one."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext_lazy as _

from community import selectors
from community.exports import account_deleting, register_exporter
from community.models import Follow, JoinRequest, Membership, Notification, Profile, User


def iso(value) -> str | None:
    return value.isoformat() if value else None


@register_exporter(
    "account",
    title=_("Account"),
    fields={
        "email": _("Email"),
        "handle": _("Handle"),
        "date_joined": _("Joined"),
        "last_login": _("Last log-in"),
        "email_addresses": _("Email addresses"),
        "sign_in_connections": _("Organisations you sign in with"),
    },
    order=0,
)
def export_account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "handle": user.handle,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "sign_in_connections": [
            {
                "provider": account.provider,
                "uid": account.uid,
                "connected": iso(account.date_joined),
            }
            for account in SocialAccount.objects.filter(user=user).order_by("date_joined")
        ],
    }


@register_exporter(
    "profile",
    title=_("Profile"),
    fields={
        "display_name": _("Name"),
        "organisation": _("Organisation"),
        "role": _("Role"),
        "country": _("Country"),
        "languages": _("Languages"),
        "themes": _("Themes"),
        "bio": _("About"),
        "avatar": _("Photo"),
        "visibility": _("Who sees what"),
        "digest_frequency": _("Email digest"),
    },
    order=1,
)
def export_profile(user: User) -> dict[str, Any]:
    profile = user.profile
    return {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "role": profile.role,
        "country": profile.country.code if profile.country else None,
        "languages": profile.languages,
        "themes": list(profile.themes.values_list("slug", flat=True)),
        "bio": profile.bio,
        "avatar": profile.avatar.name if profile.avatar else None,
        "visibility": {
            name: getattr(profile, f"{name}_visibility") for name in Profile.PRIVATE_FIELDS
        },
        "digest_frequency": profile.digest_frequency,
    }


@register_exporter(
    "memberships",
    title=_("Groups"),
    fields={"name": _("Group"), "role": _("Role"), "joined": _("Joined")},
    order=2,
)
def export_memberships(user: User) -> list[dict[str, Any]]:
    return [
        {"group": m.group.slug, "name": m.group.name, "role": m.role, "joined": iso(m.joined_at)}
        for m in Membership.objects.filter(user=user).select_related("group").order_by("pk")
    ]


@register_exporter(
    "join_requests",
    title=_("Requests to join"),
    fields={"group": _("Group"), "status": _("Status"), "created": _("Sent")},
    order=3,
)
def export_join_requests(user: User) -> list[dict[str, Any]]:
    """A request names a group the member may not belong to: only groups they may still
    know exist are named."""
    rows = []
    for request in JoinRequest.objects.filter(user=user).select_related("group").order_by("pk"):
        known = selectors.can_see_group(viewer=user, group=request.group)
        rows.append(
            {
                "group": request.group.slug if known else None,
                "status": request.status,
                "created": iso(request.created_at),
            }
        )
    return rows


@register_exporter(
    "follows",
    title=_("What you follow"),
    fields={"type": _("Kind"), "id": _("Id"), "since": _("Since")},
    order=4,
)
def export_follows(user: User) -> list[dict[str, Any]]:
    return [
        {
            "type": f"{f.content_type.app_label}.{f.content_type.model}",
            "id": f.object_id,
            "since": iso(f.created_at),
        }
        for f in Follow.objects.filter(user=user).select_related("content_type").order_by("pk")
    ]


@register_exporter(
    "notifications",
    title=_("Notifications"),
    fields={"title": _("Notification"), "created": _("Received"), "read": _("Read")},
    order=5,
)
def export_notifications(user: User) -> list[dict[str, Any]]:
    """Exactly what ``/notifications/`` shows: the same selector."""
    return [
        {
            "verb": n.verb,
            "title": n.title,
            "url": n.url,
            "created": iso(n.created_at),
            "read": iso(n.read_at),
        }
        for n in selectors.notification_list(viewer=user)
    ]


def _forget_what_they_did(sender, user: User, delete_content: bool, **kwargs) -> None:
    """Notifications other members received about this member's doing carry their name
    in the stored title ("Ana replied to …") and point at their content: they go in
    both cases, so that neither a bell nor a digest names a former member."""
    Notification.objects.filter(actor=user).delete()


account_deleting.connect(_forget_what_they_did, dispatch_uid="community-privacy-delete")
