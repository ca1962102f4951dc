"""Groups and memberships: create and edit, join (public), ask to join (private),
leave, remove, change roles and hand over ownership.

Invariants kept here rather than in views: a group always keeps an owner; a secret group
is joined only by invitation; moderators cannot act on owners or other moderators.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import selectors
from community.events import group_privacy_changed
from community.models import Group, Invitation, JoinRequest, Membership, Notification, User
from community.rules import can_remove_member, require_manager, require_owner, role_in

from .notifications import notification_create, notifications_create_many

logger = logging.getLogger(__name__)


_SLUG_SUFFIX_CHARS = "abcdefghijkmnpqrstuvwxyz23456789"


def _new_slug(name: str) -> str:
    """The name, slugified, plus a random suffix on *every* new group.

    A suffix added only on a clash (``-2``) would tell anyone who creates a group
    whether a secret group of that name exists; a random one says nothing, whatever
    groups exist. A group keeps its slug when renamed, so existing addresses hold.
    """
    base = slugify(name)[:90].strip("-") or "group"
    while True:
        slug = f"{base}-{get_random_string(8, _SLUG_SUFFIX_CHARS)}"
        if not Group.objects.filter(slug=slug).exists():
            return slug


def _group_url(group: Group) -> str:
    return f"/groups/{group.slug}/"


def _managers(group: Group) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__group=group,
            memberships__role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
        )
    )


@transaction.atomic
def group_create(
    *,
    creator: User,
    name: str,
    kind: str,
    privacy: str = Group.Privacy.PUBLIC,
    description: str = "",
    course=None,
    cohort_year: int | None = None,
    slug: str = "",
) -> Group:
    """Create a group; its creator is its first owner."""
    group = Group.objects.create(
        name=name,
        slug=slug or _new_slug(name),
        kind=kind,
        privacy=privacy,
        description=description,
        course=course,
        cohort_year=cohort_year,
    )
    Membership.objects.create(group=group, user=creator, role=Membership.Role.OWNER)
    selectors.forget_memberships(creator)
    logger.info("group %s created by user %s", group.pk, creator.pk)
    return group


@transaction.atomic
def group_update(*, group: Group, actor: User, **fields) -> Group:
    require_owner(user=actor, group=group)
    allowed = {"name", "kind", "privacy", "description", "course", "cohort_year"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"group_update() got an unexpected field {name!r}")
        setattr(group, name, value)
    group.full_clean()
    previous = Group.objects.values_list("privacy", flat=True).get(pk=group.pk)
    group.save()
    if group.privacy != previous:
        group_id, privacy = group.pk, group.privacy
        transaction.on_commit(
            lambda: group_privacy_changed.send(
                sender=Group, group_id=group_id, privacy=privacy, previous=previous
            )
        )
    return group


def _add_member(*, group: Group, user: User, role: str = Membership.Role.MEMBER) -> Membership:
    membership, created = Membership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if created:
        JoinRequest.objects.filter(
            group=group, user=user, status=JoinRequest.Status.PENDING
        ).update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
        selectors.forget_memberships(user)
    return membership


@transaction.atomic
def group_join(*, group: Group, user: User, message: str = "") -> Membership | JoinRequest:
    """Join a public group at once; ask to join a private one; a secret group only by
    invitation."""
    if role_in(user=user, group=group):
        raise ValidationError(_("You are already a member of this group."))
    if group.privacy == Group.Privacy.PUBLIC:
        return _add_member(group=group, user=user)
    if group.privacy == Group.Privacy.SECRET:
        raise PermissionDenied(_("This group is open by invitation only."))
    return join_request_create(group=group, user=user, message=message)


@transaction.atomic
def join_request_create(*, group: Group, user: User, message: str = "") -> JoinRequest:
    existing = group.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(group=group, user=user, message=message[:1000])
    except IntegrityError:  # a double click raced us
        return group.join_requests.get(user=user, status=JoinRequest.Status.PENDING)
    notifications_create_many(
        recipients=_managers(group),
        actor=user,
        verb=Notification.Verb.JOIN_DECISION,
        title=_("%(name)s asks to join %(group)s")
        % {"name": user.display_name, "group": group.name},
        url=f"/groups/{group.slug}/requests/",
        group=group,
        target=request,
    )
    return request


@transaction.atomic
def join_request_decide(*, request: JoinRequest, actor: User, approve: bool) -> JoinRequest:
    group = request.group
    require_manager(user=actor, group=group)
    if request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    if approve:
        _add_member(group=group, user=request.user)
        title = _("Your request to join %(group)s was approved") % {"group": group.name}
    else:
        title = _("Your request to join %(group)s was declined") % {"group": group.name}
    notification_create(
        recipient=request.user,
        actor=actor,
        verb=Notification.Verb.JOIN_DECISION,
        title=title,
        url=_group_url(group),
        group=group if approve else None,
    )
    return request


@transaction.atomic
def join_request_withdraw(*, request: JoinRequest, user: User) -> None:
    if request.user_id != user.pk or request.status != JoinRequest.Status.PENDING:
        raise PermissionDenied
    request.status = JoinRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])


def _owner_count(group: Group) -> int:
    return group.memberships.filter(role=Membership.Role.OWNER).count()


@transaction.atomic
def group_leave(*, group: Group, user: User) -> None:
    membership = group.memberships.select_for_update().filter(user=user).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this group."))
    if membership.role == Membership.Role.OWNER and _owner_count(group) == 1:
        raise ValidationError(
            _("You are this group's only owner: transfer ownership to another member first.")
        )
    membership.delete()
    selectors.forget_memberships(user)


@transaction.atomic
def membership_remove(*, group: Group, actor: User, user: User) -> None:
    """Remove a member. Moderators may remove members; owners (and staff) anyone but the
    last owner."""
    require_manager(user=actor, group=group)
    membership = group.memberships.select_for_update().filter(user=user).first()
    if membership is None:
        raise ValidationError(_("%(name)s is not a member.") % {"name": user.display_name})
    if user.pk == actor.pk:
        raise ValidationError(_("To remove yourself, leave the group."))
    if not can_remove_member(actor=actor, group=group, target_role=membership.role):
        raise PermissionDenied(_("Only the owner can remove an owner or a moderator."))
    if membership.role == Membership.Role.OWNER and _owner_count(group) == 1:
        raise ValidationError(_("A group must keep an owner: transfer ownership first."))
    membership.delete()
    selectors.forget_memberships(user)
    notification_create(
        recipient=user,
        actor=actor,
        verb=Notification.Verb.MEMBERSHIP,
        title=_("You were removed from %(group)s") % {"group": group.name},
        group=None,
    )


@transaction.atomic
def membership_set_role(*, group: Group, actor: User, user: User, role: str) -> Membership:
    """Make a member a moderator or back a member. Ownership moves only by transfer."""
    require_owner(user=actor, group=group)
    if role not in (Membership.Role.MODERATOR, Membership.Role.MEMBER):
        raise ValidationError(_("Use “transfer ownership” to make someone the owner."))
    membership = group.memberships.select_for_update().filter(user=user).first()
    if membership is None:
        raise ValidationError(_("%(name)s is not a member.") % {"name": user.display_name})
    if membership.role == Membership.Role.OWNER and _owner_count(group) == 1:
        raise ValidationError(_("A group must keep an owner: transfer ownership first."))
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        notification_create(
            recipient=user,
            actor=actor,
            verb=Notification.Verb.MEMBERSHIP,
            title=_("You are now %(role)s of %(group)s")
            % {"role": membership.get_role_display().lower(), "group": group.name},
            url=_group_url(group),
            group=group,
        )
    return membership


@transaction.atomic
def group_transfer_ownership(*, group: Group, actor: User, new_owner: User) -> Membership:
    """Hand the group over: ``new_owner`` becomes owner, the previous owner(s) stay on
    as moderators."""
    require_owner(user=actor, group=group)
    target = group.memberships.select_for_update().filter(user=new_owner).first()
    if target is None:
        raise ValidationError(_("Ownership can only go to a member of the group."))
    if target.role == Membership.Role.OWNER:
        raise ValidationError(
            _("%(name)s already owns this group.") % {"name": new_owner.display_name}
        )
    group.memberships.filter(role=Membership.Role.OWNER).update(role=Membership.Role.MODERATOR)
    target.role = Membership.Role.OWNER
    target.save(update_fields=["role"])
    notification_create(
        recipient=new_owner,
        actor=actor,
        verb=Notification.Verb.MEMBERSHIP,
        title=_("You are now the owner of %(group)s") % {"group": group.name},
        url=_group_url(group),
        group=group,
    )
    return target


def pending_invitation_count(*, group: Group) -> int:
    return group.invitations.filter(
        status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ).count()
