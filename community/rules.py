"""Roles and rights: every "may this person do that to this group or member" question,
answered once. Services enforce these rules, views and consumers ask them, templates
ask them through ``{% member_actions %}`` (``community_tags``); ``forums``, ``outcomes``
and ``casestudies`` import them rather than restating them.

Roles in a group (``Membership.Role``): **owner**, **moderator**, **member**. Owners and
moderators are the group's *managers* (the "organisers" of a cohort's follow-up).

- managers invite, decide join requests, remove plain members and moderate the group's
  forum categories and live rooms;
- owners also edit the group, appoint or demote moderators, hand over ownership and
  remove moderators (never the last owner: see ``community.services.groups``);
- staff (Django ``is_staff``, the site's editors) manage every group as owners do;
- a **site moderator** moderates content everywhere: forums, rooms, case-study
  comments. One definition: holding django-contrib-comments' ``can_moderate``
  permission. Superusers hold every permission; the Wagtail "Moderators" group is
  granted it by a data migration (``casestudies/migrations/0002``). A permission, not a
  group name, because it is what Django's admin grants and audits, it survives renaming
  or translating the group, and it can be given to one person without a group.

Group *visibility* is not a right and lives in :mod:`community.selectors.visibility`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from community.models import Group, Membership, User

MANAGER_ROLES = frozenset({Membership.Role.OWNER, Membership.Role.MODERATOR})
SITE_MODERATION_PERMISSION = "django_comments.can_moderate"

#: "The caller has not looked the role up": pass the role when known, to save a query.
UNKNOWN = object()
_CACHES = ("_rules_group_roles", "_rules_site_moderator")


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# ---------------------------------------------------------------------------
# Site-wide roles
# ---------------------------------------------------------------------------
def is_site_moderator(user) -> bool:
    """Moderates content everywhere (see the module docstring for why a permission)."""
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_rules_site_moderator", None)
    if cached is None:
        cached = user.has_perm(SITE_MODERATION_PERMISSION)
        user._rules_site_moderator = cached
    return cached


def is_editor(user) -> bool:
    """Staff: the site's editors, who manage every group and the site's own content."""
    return is_signed_in(user) and user.is_staff


# ---------------------------------------------------------------------------
# Roles in a group
# ---------------------------------------------------------------------------
def role_in(*, user: User | None, group: Group) -> str | None:
    if not is_signed_in(user):
        return None
    return group_roles(user).get(group.pk)


def group_roles(user) -> dict[int, str]:
    """The user's role in each group they belong to, ``{group_id: role}``: one query,
    cached on the user for the request, from which membership (what they may see) and
    management (what they may moderate) are both answered."""
    if not is_signed_in(user):
        return {}
    cached = getattr(user, "_rules_group_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("group_id", "role"))
        user._rules_group_roles = cached
    return cached


def prime_group_roles(users) -> None:
    """Load the memberships of many members in one query and cache them on each, so that
    the rules cost no query per member (the email digest, bulk notifications)."""
    users = [u for u in users if is_signed_in(u)]
    by_user: dict[int, dict[int, str]] = {u.pk: {} for u in users}
    rows = Membership.objects.filter(user_id__in=list(by_user)).values_list(
        "user_id", "group_id", "role"
    )
    for user_id, group_id, role in rows:
        by_user[user_id][group_id] = role
    for user in users:
        user._rules_group_roles = by_user[user.pk]


def managed_group_ids(user) -> set[int]:
    """Groups the user owns or moderates."""
    return {group_id for group_id, role in group_roles(user).items() if role in MANAGER_ROLES}


def forget_rights(user) -> None:
    """Drop the per-request caches after a role or membership changes."""
    for attr in _CACHES:
        if user is not None and hasattr(user, attr):
            delattr(user, attr)


def is_group_manager(*, user: User | None, group: Group, role=UNKNOWN) -> bool:
    """An owner or moderator of the group (staff are not, unless they belong to it)."""
    if not is_signed_in(user):
        return False
    if role is UNKNOWN:
        role = role_in(user=user, group=group)
    return role in MANAGER_ROLES


def can_manage_group(*, user: User | None, group: Group, role=UNKNOWN) -> bool:
    """Managers and staff manage a group's members, requests and invitations. Pass
    ``role`` when the caller already knows it, to save a query."""
    return is_editor(user) or is_group_manager(user=user, group=group, role=role)


def is_group_owner(*, user: User | None, group: Group, role=UNKNOWN) -> bool:
    """Owners, and staff acting as owners: edit the group, appoint moderators, hand it
    over."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    if role is UNKNOWN:
        role = role_in(user=user, group=group)
    return role == Membership.Role.OWNER


def require_manager(*, user: User | None, group: Group) -> None:
    if not can_manage_group(user=user, group=group):
        raise PermissionDenied(_("Only the group's owners and moderators can do this."))


def require_owner(*, user: User | None, group: Group) -> None:
    if not is_group_owner(user=user, group=group):
        raise PermissionDenied(_("Only the group's owner can do this."))


def can_moderate_group(user, group_id: int | None) -> bool:
    """Site moderators moderate everything; a group's managers moderate its forum
    categories and live rooms (``group_id`` ``None``: a site-wide one)."""
    if is_site_moderator(user):
        return True
    return group_id is not None and group_id in managed_group_ids(user)


def is_any_moderator(user) -> bool:
    """Sees the moderation queue and log (filtered to what they moderate)."""
    return is_site_moderator(user) or bool(managed_group_ids(user))


# ---------------------------------------------------------------------------
# What a manager may do to one member
# ---------------------------------------------------------------------------
MEMBER_ACTIONS = ("moderator", "member", "transfer", "remove")


def can_remove_member(*, actor: User, group: Group, target_role: str, actor_role=UNKNOWN) -> bool:
    """Managers remove plain members; only owners remove moderators and owners."""
    if not can_manage_group(user=actor, group=group, role=actor_role):
        return False
    if target_role == Membership.Role.MEMBER:
        return True
    return is_group_owner(user=actor, group=group, role=actor_role)


def member_actions(
    *, actor: User, group: Group, target: Membership, actor_role=UNKNOWN
) -> tuple[str, ...]:
    """The actions the member list offers ``actor`` on ``target`` (values of the form's
    ``action``), in the order shown; empty for oneself and for non-managers. Each is
    also enforced by its service."""
    if not is_signed_in(actor) or target.user_id == actor.pk:
        return ()
    if not can_manage_group(user=actor, group=group, role=actor_role):
        return ()
    actions = []
    if is_group_owner(user=actor, group=group, role=actor_role):
        if target.role == Membership.Role.MEMBER:
            actions.append("moderator")
        if target.role == Membership.Role.MODERATOR:
            actions.append("member")
        if target.role != Membership.Role.OWNER:
            actions.append("transfer")
    if target.role != Membership.Role.OWNER and can_remove_member(
        actor=actor, group=group, target_role=target.role, actor_role=actor_role
    ):
        actions.append("remove")
    return tuple(actions)


# ---------------------------------------------------------------------------
# What an organiser may do from the group's own pages
# ---------------------------------------------------------------------------
#: Every step of running a group, in the order the group page offers them.
ORGANISER_ACTIONS = (
    "invite",
    "requests",
    "roster",
    "forum",
    "room",
    "follow_up",
    "certificates",
    "dashboard",
    "edit",
)
#: The steps that only make sense for a course cohort's alumni network.
COHORT_ACTIONS = frozenset({"roster", "follow_up", "certificates", "dashboard"})


def can_open_group_spaces(*, user: User | None, group: Group, role=UNKNOWN) -> bool:
    """Give the group a forum category or a live room: whoever manages the group, and
    site moderators (who moderate every room and category anyway)."""
    return can_manage_group(user=user, group=group, role=role) or is_site_moderator(user)


def organiser_actions(*, user: User | None, group: Group, role=UNKNOWN) -> frozenset[str]:
    """The steps of running ``group`` that ``user`` may take (names from
    ``ORGANISER_ACTIONS``): the group page shows a link for each and nothing else. The
    views behind the links enforce the same rules (``require_manager``, the forum
    services, ``outcomes.selectors.access``)."""
    if not is_signed_in(user):
        return frozenset()
    if role is UNKNOWN:
        role = role_in(user=user, group=group)
    actions: set[str] = set()
    if can_manage_group(user=user, group=group, role=role):
        actions |= set(ORGANISER_ACTIONS) - {"edit"}
        if group.kind != Group.Kind.ALUMNI_NETWORK:
            actions -= COHORT_ACTIONS
    elif is_site_moderator(user):
        actions |= {"forum", "room"}
    if is_group_owner(user=user, group=group, role=role):
        actions.add("edit")
    return frozenset(actions)
