"""Small helpers the community services share."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from community.models import Group, Membership, User


def absolute_url(path: str) -> str:
    """A link for an email: the site's public address (``SITE_URL``) plus ``path``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def role_in(*, user: User | None, group: Group) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(group=group, user=user).values_list("role", flat=True).first()


_UNKNOWN = object()


def can_manage_group(*, user: User | None, group: Group, role=_UNKNOWN) -> bool:
    """Owners, moderators and staff manage a group's members and invitations. Pass
    ``role`` when the caller already knows it, to save a query."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    if role is _UNKNOWN:
        role = role_in(user=user, group=group)
    return role in (Membership.Role.OWNER, Membership.Role.MODERATOR)


def is_group_owner(*, user: User | None, group: Group, role=_UNKNOWN) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    if role is _UNKNOWN:
        role = role_in(user=user, group=group)
    return role == Membership.Role.OWNER


def require_manager(*, user: User | None, group: Group) -> None:
    if not can_manage_group(user=user, group=group):
        raise PermissionDenied(_("Only the group's owners and moderators can do this."))


def require_owner(*, user: User | None, group: Group) -> None:
    if not is_group_owner(user=user, group=group):
        raise PermissionDenied(_("Only the group's owner can do this."))
