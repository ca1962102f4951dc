"""Reads shared by views, APIs, feeds, search and WebSocket consumers.

**The visibility rule lives here and only here.** Every surface that shows a group or
anything that belongs to one (forum categories and topics, live rooms, shared case
studies, search results, notifications) asks these functions; none re-implements them.

- public group: everyone sees the group and its content;
- private group: everyone sees that the group exists (name, description, kind), only
  members (and staff) see its content;
- secret group: only members (and staff) know it exists.

Who belongs to a group is part of its content. A private or secret group's members,
its member count, and the fact that a given person belongs to it are shown only to
those who may see the group's content: not on the group's page or in the directory
(the count), not on the person's profile (the membership). An outsider of a private
group sees its name, kind and description, and nothing that changes when someone joins
or leaves.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from community.models import Group, User
from community.rules import forget_rights, group_roles, prime_group_roles, role_in


def _is_signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated and viewer.is_active


def member_group_ids(*, viewer) -> set[int]:
    """Ids of the groups the viewer belongs to (``rules.group_roles``, one query per
    request)."""
    return set(group_roles(viewer))


def prime_member_group_ids(users: Iterable[User]) -> None:
    """Load the memberships of many members in one query (``rules.prime_group_roles``),
    so that the checks below cost no query per member."""
    prime_group_roles(users)


def forget_memberships(viewer) -> None:
    """Drop the per-request caches after a membership (or role) changes."""
    forget_rights(viewer)


def content_visible_group_ids(*, viewer) -> set[int] | None:
    """Groups whose *content* the viewer may see, besides public groups.

    ``None`` means "every group" (staff). Search and other engines that filter by id use
    this together with the public flag.
    """
    if _is_signed_in(viewer) and viewer.is_staff:
        return None
    return member_group_ids(viewer=viewer)


def group_content_q(*, viewer, prefix: str = "group") -> Q:
    """A filter for querysets of things that may belong to a group through ``prefix``
    (a nullable foreign key): site-wide things, public groups' things, and the things of
    groups the viewer belongs to."""
    ids = content_visible_group_ids(viewer=viewer)
    if ids is None:
        return Q()
    return (
        Q(**{f"{prefix}__isnull": True})
        | Q(**{f"{prefix}__privacy": Group.Privacy.PUBLIC})
        | Q(**{f"{prefix}__in": ids})
    )


def visible_content_groups_q(*, viewer) -> Q | None:
    """A filter on ``Group`` itself: the groups whose content (members included) the
    viewer may see; ``None`` when that is every group (staff)."""
    ids = content_visible_group_ids(viewer=viewer)
    if ids is None:
        return None
    return Q(privacy=Group.Privacy.PUBLIC) | Q(pk__in=ids)


def groups_with_visible_content(*, viewer) -> QuerySet[Group]:
    """Groups whose content (members included) the viewer may see."""
    q = visible_content_groups_q(viewer=viewer)
    groups = Group.objects.all()
    return groups if q is None else groups.filter(q)


def can_view_group_content(*, viewer, group: Group | None) -> bool:
    if group is None or group.privacy == Group.Privacy.PUBLIC:
        return True
    ids = content_visible_group_ids(viewer=viewer)
    return ids is None or group.pk in ids


def can_see_group(*, viewer, group: Group) -> bool:
    """Whether the viewer may know the group exists (its page, its name in lists)."""
    if group.privacy != Group.Privacy.SECRET:
        return True
    return can_view_group_content(viewer=viewer, group=group)


def group_list(*, viewer=None) -> QuerySet[Group]:
    """Groups the viewer may see listed: public and private ones, and secret ones they
    belong to."""
    viewer = viewer or AnonymousUser()
    groups = Group.objects.all()
    ids = content_visible_group_ids(viewer=viewer)
    if ids is None:
        return groups
    return groups.filter(~Q(privacy=Group.Privacy.SECRET) | Q(pk__in=ids))


def member_groups_for_viewer(*, viewer, user: User) -> QuerySet[Group]:
    """The groups ``user`` belongs to that ``viewer`` may see listed on a profile: only
    those whose members the viewer may see (belonging is the group's content)."""
    return groups_with_visible_content(viewer=viewer).filter(memberships__user=user)


def membership_role(*, viewer, group: Group) -> str | None:
    """The viewer's role in the group, if any (see :mod:`community.rules`)."""
    return role_in(user=viewer, group=group)


def followers_of(
    *, target: models.Model | None = None, targets: Iterable[models.Model] = ()
) -> QuerySet[User]:
    """Active members who follow ``target`` or any of ``targets`` (each once) and have
    not muted that follow: a muted follow is listed but brings no news."""
    wanted = [t for t in (target, *targets) if t is not None]
    if not wanted:
        return User.objects.none()
    followed = Q()
    for obj in wanted:
        followed |= Q(
            follows__content_type=ContentType.objects.get_for_model(obj),
            follows__object_id=obj.pk,
        )
    return (
        User.objects.filter(followed, follows__muted=False, is_active=True)
        .select_related("profile")
        .distinct()
    )
