"""Invitations by email — to members and to people who have no account yet — and the
alumni roster import that sends them in bulk.

The link in an invitation email carries ``signing.dumps(key)``: a forged token fails the
signature, an expired or already-used invitation is refused with a clear message, and
only the owner of the invited address can accept (checked against the member's verified
addresses). Someone without an account joins when they confirm that address at sign-up
(see ``community.signals``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Group, Invitation, Membership, Notification, User
from community.rules import require_manager, role_in

from .common import absolute_url
from .groups import _add_member
from .notifications import notification_create

logger = logging.getLogger(__name__)

TOKEN_SALT = "community.invitation"  # noqa: S105 - a signing salt, not a secret


class InvitationError(ValidationError):
    """An invitation link that cannot be used; the message says why."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.key, salt=TOKEN_SALT)


def invitation_url(invitation: Invitation) -> str:
    return f"/invitations/{invitation_token(invitation)}/"


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a link, or ``InvitationError`` with a message for the user."""
    try:
        key = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as exc:
        raise InvitationError(_("This invitation link is not valid.")) from exc
    invitation = Invitation.objects.select_related("group", "invited_by").filter(key=key).first()
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    return invitation


def check_open(invitation: Invitation) -> None:
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.status == Invitation.Status.DECLINED:
        raise InvitationError(_("This invitation was declined."))
    if invitation.status == Invitation.Status.REVOKED:
        raise InvitationError(_("This invitation was withdrawn by the group."))
    if invitation.is_expired:
        raise InvitationError(
            _("This invitation has expired. Ask the group's organisers for a new one.")
        )


def _owns_address(user: User, email: str) -> bool:
    if user.email.lower() == email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _find_user(email: str) -> User | None:
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(email__iexact=email)
            | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
        )
        .first()
    )


def _send_invitation_emails(ids: list[int]) -> None:
    invitations = Invitation.objects.filter(pk__in=ids).select_related(
        "group", "invited_by", "invited_by__profile"
    )
    messages = []
    for invitation in invitations:
        context = {
            "invitation": invitation,
            "group": invitation.group,
            "inviter": invitation.invited_by,
            "url": absolute_url(invitation_url(invitation)),
            "has_account": _find_user(invitation.email) is not None,
        }
        subject = render_to_string("community/email/invitation_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("community/email/invitation_message.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(
            render_to_string("community/email/invitation_message.html", context), "text/html"
        )
        messages.append(message)
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)


def _invite(*, group: Group, email: str, invited_by: User) -> tuple[Invitation, bool]:
    """Create (or renew) the pending invitation of ``email``; returns it and whether it
    should be emailed."""
    email = email.strip().lower()
    invitation = (
        group.invitations.select_for_update()
        .filter(email__iexact=email, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is not None:
        invitation.expires_at = timezone.now() + timedelta(days=Invitation.VALID_DAYS)
        invitation.invited_by = invited_by
        invitation.save(update_fields=["expires_at", "invited_by"])
    else:
        invitation = Invitation.objects.create(group=group, email=email, invited_by=invited_by)
    user = _find_user(email)
    if user is not None:
        notification_create(
            recipient=user,
            actor=invited_by,
            verb=Notification.Verb.INVITATION,
            title=_("%(name)s invited you to join %(group)s")
            % {"name": invited_by.display_name, "group": group.name},
            url=invitation_url(invitation),
            target=invitation,
        )
    return invitation, True


@dataclass
class InviteResult:
    invited: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)


@transaction.atomic
def invitations_create(*, group: Group, invited_by: User, emails: list[str]) -> InviteResult:
    """Invite each address (members and people without an account alike)."""
    require_manager(user=invited_by, group=group)
    result = InviteResult()
    to_send = []
    for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip()):
        user = _find_user(email)
        if user is not None and role_in(user=user, group=group):
            result.already_members.append(email)
            continue
        invitation, send = _invite(group=group, email=email, invited_by=invited_by)
        result.invited.append(email)
        if send:
            to_send.append(invitation.pk)
    transaction.on_commit(lambda: _send_invitation_emails(to_send))
    return result


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_open(invitation)
    if not _owns_address(user, invitation.email):
        raise InvitationError(
            _(
                "This invitation was sent to another email address. Log in with that "
                "address, or add it to your account and confirm it."
            )
        )
    membership = _add_member(group=invitation.group, user=user)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "responded_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_open(invitation)
    if not _owns_address(user, invitation.email):
        raise InvitationError(_("This invitation was sent to another email address."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    require_manager(user=actor, group=invitation.group)
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationError(_("Only a pending invitation can be withdrawn."))
    invitation.status = Invitation.Status.REVOKED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])


@transaction.atomic
def invitations_accept_for_email(*, user: User, email: str) -> list[Group]:
    """Accept every open invitation to ``email`` once ``user`` has proved they own it
    (allauth's ``email_confirmed``): how people invited before they had an account join
    their groups on sign-up."""
    if not user.is_active or not _owns_address(user, email):
        return []
    joined = []
    for invitation in Invitation.objects.select_for_update().filter(
        email__iexact=email, status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ):
        invitation_accept(invitation=invitation, user=user)
        joined.append(invitation.group)
    return joined


EXPIRED_INVITATION_RETENTION = timedelta(days=90)


@transaction.atomic
def invitations_purge_expired(*, now=None) -> int:
    """Delete pending invitations that expired more than ``EXPIRED_INVITATION_RETENTION``
    ago (the scheduler's daily job); until then an old link still explains that it
    expired. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - EXPIRED_INVITATION_RETENTION
    deleted, _by_model = Invitation.objects.filter(
        status=Invitation.Status.PENDING, expires_at__lte=cutoff
    ).delete()
    return deleted


# ---------------------------------------------------------------------------
# Alumni roster import
# ---------------------------------------------------------------------------


@dataclass
class RosterResult:
    added: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)


@transaction.atomic
def roster_import(*, group: Group, actor: User, emails: list[str]) -> RosterResult:
    """Bring a course cohort into its alumni network: existing members are added at once
    (and told so), everyone else is invited by email. ``emails`` are already validated
    (``community.roster.parse_roster``); the whole import is one transaction."""
    require_manager(user=actor, group=group)
    if group.kind != Group.Kind.ALUMNI_NETWORK:
        raise PermissionDenied(_("Only an alumni network imports a course roster."))
    result = RosterResult()
    to_send = []
    for email in emails:
        user = _find_user(email)
        if user is not None:
            if role_in(user=user, group=group):
                result.already_members.append(email)
                continue
            _add_member(group=group, user=user)
            notification_create(
                recipient=user,
                actor=actor,
                verb=Notification.Verb.MEMBERSHIP,
                title=_("You were added to %(group)s") % {"group": group.name},
                url=f"/groups/{group.slug}/",
                group=group,
            )
            result.added.append(email)
        else:
            invitation, send = _invite(group=group, email=email, invited_by=actor)
            result.invited.append(email)
            if send:
                to_send.append(invitation.pk)
    transaction.on_commit(lambda: _send_invitation_emails(to_send))
    logger.info(
        "roster import into group %s: %d added, %d invited, %d already members",
        group.pk,
        len(result.added),
        len(result.invited),
        len(result.already_members),
    )
    return result
