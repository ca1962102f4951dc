"""Who may do what with a cohort's follow-up.

- the *organiser* of a cohort is an owner or moderator of its alumni network;
- organisers and staff (editors) may schedule follow-ups and see the evidence dashboard;
- individual answers are for the organiser and the respondent only: staff see
  aggregates, like everyone else who is not the organiser.

Group visibility itself is decided by ``community.selectors`` and roles by
``community.rules``; these rules only say which role a follow-up task needs. Every
organiser page of a cohort (follow-up, dashboards, certificates, badges) finds its group
through :func:`organised_cohort`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community import rules
from community.models import Group
from community.selectors import can_see_group, group_for_viewer, group_list

ORGANISER_ROLES = rules.MANAGER_ROLES


def is_organiser(*, viewer, group: Group) -> bool:
    """The cohort's organisers are its alumni network's managers."""
    return rules.is_group_manager(user=viewer, group=group)


def organised_group_ids(*, viewer) -> set[int]:
    return rules.managed_group_ids(viewer)


def can_manage_follow_up(*, viewer, group: Group) -> bool:
    if rules.is_editor(viewer):
        return can_see_group(viewer=viewer, group=group)
    return is_organiser(viewer=viewer, group=group)


def can_view_individual_answers(*, viewer, group: Group) -> bool:
    return is_organiser(viewer=viewer, group=group)


is_editor = rules.is_editor


def can_award_badges(*, viewer, group: Group | None) -> bool:
    """Organisers of the cohort and staff who may see it; staff alone without a cohort."""
    if group is None:
        return is_editor(viewer)
    return can_manage_follow_up(viewer=viewer, group=group)


def dashboard_cohorts(*, viewer):
    """The cohorts whose evidence ``viewer`` may see on the dashboard: alumni networks
    with a follow-up schedule, all of them (that the viewer may see) for editors, the
    ones they organise for everyone else."""
    qs = group_list(viewer=viewer).filter(
        kind=Group.Kind.ALUMNI_NETWORK, follow_up_schedule__isnull=False
    )
    if not is_editor(viewer):
        qs = qs.filter(pk__in=organised_group_ids(viewer=viewer))
    return qs.order_by("name")


def may_open_dashboard(*, viewer) -> bool:
    """Editors, and organisers of a cohort with a follow-up schedule (the dashboard
    index answers 403 to anyone else). No query for members who organise nothing."""
    if is_editor(viewer):
        return True
    if not organised_group_ids(viewer=viewer):
        return False
    return dashboard_cohorts(viewer=viewer).exists()


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
