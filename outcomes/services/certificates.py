"""Issuing and revoking verifiable certificates and badges."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudies.models import CaseStudyPage
from community.models import Group, Membership, Notification, User
from community.services import notification_create
from outcomes import credentials
from outcomes.models import Certificate
from outcomes.selectors.access import can_manage_follow_up, is_editor

logger = logging.getLogger(__name__)


def _credential(certificate: Certificate) -> dict:
    """The Open Badges 3.0 ``OpenBadgeCredential`` for a certificate, signed."""
    issued = certificate.issued_at.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    url = credentials.absolute(certificate.get_absolute_url())
    achievement = {
        "id": f"{url}#achievement",
        "type": ["Achievement"],
        "achievementType": "Certificate"
        if certificate.kind == Certificate.Kind.CERTIFICATE
        else "Badge",
        "name": certificate.title,
        "description": certificate.description or certificate.title,
        "criteria": {"narrative": certificate.description or certificate.title},
    }
    document = {
        "@context": credentials.CONTEXTS,
        "id": f"urn:uuid:{certificate.uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.title,
        "issuer": {
            "id": credentials.issuer_id(),
            "type": ["Profile"],
            "name": "Practice Commons",
        },
        "validFrom": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.recipient_name,
            "achievement": achievement,
        },
        "evidence": [{"id": url, "type": ["Evidence"], "name": certificate.title}],
    }
    return credentials.sign(document, created=issued)


def _issue(**fields) -> Certificate:
    certificate = Certificate(issued_at=timezone.now(), **fields)
    certificate.save()
    certificate.credential = _credential(certificate)
    certificate.save(update_fields=["credential"])
    notification_create(
        recipient=certificate.recipient,
        verb=Notification.Verb.FOLLOW_UP,
        title=_("You received: %(title)s") % {"title": certificate.title},
        url=certificate.get_absolute_url(),
        target=certificate,
        actor=certificate.issued_by,
    )
    return certificate


@transaction.atomic
def certificates_issue_for_cohort(
    *, group: Group, by: User, title: str = "", description: str = ""
) -> list[Certificate]:
    """A certificate of completion for every alumna of the cohort who has none yet."""
    if not can_manage_follow_up(viewer=by, group=group):
        raise PermissionDenied
    if group.kind != Group.Kind.ALUMNI_NETWORK:
        raise ValidationError(_("Certificates are issued to the alumni of a course."))
    course = group.course
    title = title or (course.title if course else group.name)
    already = set(
        Certificate.objects.filter(group=group, kind=Certificate.Kind.CERTIFICATE).values_list(
            "recipient_id", flat=True
        )
    )
    alumni = User.objects.filter(
        is_active=True, memberships__group=group, memberships__role=Membership.Role.MEMBER
    ).select_related("profile")
    issued = [
        _issue(
            kind=Certificate.Kind.CERTIFICATE,
            recipient=user,
            recipient_name=user.display_name,
            title=title,
            description=description
            or _("Completed %(course)s (cohort %(year)s).")
            % {"course": title, "year": group.cohort_year or ""},
            group=group,
            course=course,
            issued_by=by,
        )
        for user in alumni
        if user.pk not in already
    ]
    logger.info("issued %s certificates for group %s", len(issued), group.pk)
    return issued


@transaction.atomic
def badge_issue(
    *,
    recipient: User,
    by: User,
    title: str,
    description: str = "",
    case_study: CaseStudyPage | None = None,
) -> Certificate:
    """A badge for applied practice (e.g. a peer-reviewed case study); editors award it."""
    if not is_editor(by):
        raise PermissionDenied
    return _issue(
        kind=Certificate.Kind.BADGE,
        recipient=recipient,
        recipient_name=recipient.display_name,
        title=title,
        description=description,
        case_study=case_study,
        issued_by=by,
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    allowed = is_editor(by) or (
        certificate.group is not None and can_manage_follow_up(viewer=by, group=certificate.group)
    )
    if not allowed:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for revoking it.")})
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason.strip()[:500]
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    return certificate
