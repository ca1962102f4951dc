"""Groups as a viewer may see them: the directory, a group's page, its members,
activity feed and member map. Every function here goes through the visibility rule in
:mod:`community.selectors.visibility`; none re-implements it."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from community import activity
from community.models import Group, Invitation, JoinRequest, Membership
from taxonomy.models import Country

from .profiles import visibility_levels
from .visibility import (
    can_see_group,
    can_view_group_content,
    group_list,
    visible_content_groups_q,
)

_ACTIVE_MEMBERS = Q(memberships__user__is_active=True)


def _member_count(*, viewer):
    """The member count as an annotation: ``None`` for groups whose members the viewer
    may not see (see the visibility module: the count is the group's content)."""
    count = Count("memberships", filter=_ACTIVE_MEMBERS)
    visible = visible_content_groups_q(viewer=viewer)
    if visible is None:
        return count
    return Case(When(visible, then=count), default=Value(None), output_field=IntegerField())


def group_member_count(*, viewer, group: Group) -> int | None:
    """How many active members ``group`` has, or ``None`` if the viewer may not know."""
    if not can_view_group_content(viewer=viewer, group=group):
        return None
    return group.memberships.filter(user__is_active=True).count()


def groups_directory(*, viewer, kind: str = "", q: str = "") -> QuerySet[Group]:
    """Groups the viewer may see listed, with their member counts where the viewer may
    see them (``member_count`` is ``None`` otherwise)."""
    groups = group_list(viewer=viewer).annotate(member_count=_member_count(viewer=viewer))
    if kind:
        groups = groups.filter(kind=kind)
    if q:
        groups = groups.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return groups.select_related("course").order_by("name")


def group_for_viewer(*, viewer, slug: str) -> Group:
    """The group at ``slug`` if the viewer may know it exists; 404 otherwise (a secret
    group is indistinguishable from one that does not exist)."""
    group = Group.objects.select_related("course").filter(slug=slug).first()
    if group is None or not can_see_group(viewer=viewer, group=group):
        raise Http404
    return group


_ROLE_ORDER = Case(
    When(role=Membership.Role.OWNER, then=Value(0)),
    When(role=Membership.Role.MODERATOR, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def group_members(*, group: Group) -> QuerySet[Membership]:
    """Memberships of a group, owners and moderators first."""
    return (
        group.memberships.filter(user__is_active=True)
        .select_related("user", "user__profile", "user__profile__country")
        .order_by(_ROLE_ORDER, "user__profile__display_name", "user__handle")
    )


def group_recent_members(*, group: Group, limit: int = 12) -> list[Membership]:
    return list(
        group.memberships.filter(user__is_active=True)
        .select_related("user", "user__profile")
        .order_by("-joined_at", "-pk")[:limit]
    )


@activity.register_activity_source
def _membership_activity(*, viewer, group: Group, limit: int) -> list[activity.ActivityItem]:
    return [
        activity.ActivityItem(
            when=m.joined_at,
            actor=m.user,
            text=gettext("%(name)s joined the group") % {"name": m.user.display_name},
            url=f"/members/{m.user.handle}/",
            kind="joined",
        )
        for m in group_recent_members(group=group, limit=limit)
    ]


def group_activity(*, viewer, group: Group, limit: int = 15) -> list[activity.ActivityItem]:
    """The group's recent activity, or nothing if the viewer may not see its content."""
    if not can_view_group_content(viewer=viewer, group=group):
        return []
    return activity.gather(viewer=viewer, group=group, limit=limit)


@dataclass(frozen=True)
class CountryCount:
    country: Country
    count: int


def group_country_counts(*, viewer, group: Group) -> list[CountryCount]:
    """The member map: how many members per country, counting only members whose
    country the viewer may see."""
    if not can_view_group_content(viewer=viewer, group=group):
        return []
    levels = visibility_levels(viewer=viewer)
    rows = (
        group.memberships.filter(
            user__is_active=True,
            user__profile__country__isnull=False,
            user__profile__country_visibility__in=levels,
        )
        .values("user__profile__country")
        .annotate(n=Count("pk"))
    )
    counts = {row["user__profile__country"]: row["n"] for row in rows}
    countries = Country.objects.in_bulk(list(counts))
    result = [CountryCount(country=countries[pk], count=n) for pk, n in counts.items()]
    return sorted(result, key=lambda c: (-c.count, c.country.label))


def group_pending_requests(*, group: Group) -> QuerySet[JoinRequest]:
    return group.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user", "user__profile"
    )


def group_pending_invitations(*, group: Group) -> QuerySet[Invitation]:
    return group.invitations.filter(
        status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by", "invited_by__profile")


def pending_request_for(*, viewer, group: Group) -> JoinRequest | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return group.join_requests.filter(user=viewer, status=JoinRequest.Status.PENDING).first()


def my_memberships(*, viewer) -> QuerySet[Membership]:
    """The member's own groups with their role, most recently joined first."""
    return (
        Membership.objects.filter(user=viewer).select_related("group").order_by("-joined_at", "-pk")
    )


def invitations_for(*, viewer) -> QuerySet[Invitation]:
    """Open invitations to one of the member's own addresses (the primary one or a
    verified one), newest first."""
    addresses = EmailAddress.objects.filter(user=viewer, verified=True).values("email")
    return (
        Invitation.objects.filter(
            Q(email__iexact=viewer.email) | Q(email__in=addresses),
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("group")
        .order_by("-created_at")
    )
