"""Who may do what with a cohort's follow-up.

- the *organiser* of a cohort is an owner or moderator of its alumni network;
- organisers and staff (editors) may schedule follow-ups and see the evidence dashboard;
- individual answers are for the organiser and the respondent only: staff see
  aggregates, like everyone else who is not the organiser.

Group visibility itself is decided by ``community.selectors``; these rules add roles.
Every organiser page of a cohort (follow-up, dashboards, certificates, badges) finds its
group through :func:`organised_cohort`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.models import Group, Membership
from community.selectors import can_see_group, group_for_viewer

ORGANISER_ROLES = (Membership.Role.OWNER, Membership.Role.MODERATOR)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_organiser(*, viewer, group: Group) -> bool:
    if not _signed_in(viewer):
        return False
    return Membership.objects.filter(group=group, user=viewer, role__in=ORGANISER_ROLES).exists()


def organised_group_ids(*, viewer) -> set[int]:
    if not _signed_in(viewer):
        return set()
    return set(
        Membership.objects.filter(user=viewer, role__in=ORGANISER_ROLES).values_list(
            "group_id", flat=True
        )
    )


def can_manage_follow_up(*, viewer, group: Group) -> bool:
    if not _signed_in(viewer):
        return False
    if viewer.is_staff:
        return can_see_group(viewer=viewer, group=group)
    return is_organiser(viewer=viewer, group=group)


def can_view_individual_answers(*, viewer, group: Group) -> bool:
    return is_organiser(viewer=viewer, group=group)


def is_editor(viewer) -> bool:
    return _signed_in(viewer) and viewer.is_staff


def can_award_badges(*, viewer, group: Group | None) -> bool:
    """Organisers of the cohort and staff who may see it; staff alone without a cohort."""
    if group is None:
        return is_editor(viewer)
    return can_manage_follow_up(viewer=viewer, group=group)


def organised_cohort(*, viewer, slug: str) -> Group:
    """The cohort at ``slug`` for those who may run its follow-up, dashboards and
    certificates. Community's visibility selector decides whether the viewer may know
    the group exists (a secret group is "not found" to outsiders, as everywhere); a
    group they may know of but not organise is refused with the reason."""
    group = group_for_viewer(viewer=viewer, slug=slug)
    if not can_manage_follow_up(viewer=viewer, group=group):
        raise PermissionDenied(
            _(
                "This page is for the organisers of the cohort — the owners and "
                "moderators of its alumni network — and for editors."
            )
        )
    return group
