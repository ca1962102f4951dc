"""Issuing and revoking verifiable certificates and badges.

Organisers of a cohort (owners and moderators of its alumni network) and staff issue
certificates of completion to all its alumni and award badges for applied practice to
its members; each credential is signed when it is issued (``outcomes.credentials``) and
its recipient is told in the site and by email once the transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casestudies.models import CaseStudyPage
from community.models import Group, Membership, Notification, User
from community.services import notification_create
from outcomes import credentials
from outcomes.models import Certificate
from outcomes.selectors.access import can_award_badges, can_manage_follow_up, is_editor
from outcomes.selectors.certificates import case_study_at

logger = logging.getLogger(__name__)


def _recipient_identifiers(certificate: Certificate) -> list[dict[str, Any]]:
    """Open Badges 3.0 ``IdentityObject``: the recipient's email address (in lower case)
    hashed with a salt of this credential's own, so that a verifier who knows the
    address can bind the credential to its holder while the public JSON does not show
    it, nor let two credentials be linked through it."""
    email = (certificate.recipient.email or "").strip().lower()
    if not email:
        return []
    salt = secrets.token_hex(16)
    digest = hashlib.sha256((email + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "identityHash": f"sha256${digest}",
            "identityType": "emailAddress",
            "hashed": True,
            "salt": salt,
        }
    ]


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
    evidence = {"id": url, "type": ["Evidence"], "name": certificate.title}
    if certificate.evidence_url:
        evidence = {
            "id": certificate.evidence_url,
            "type": ["Evidence"],
            "name": certificate.title,
            "narrative": certificate.description or certificate.title,
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
        "evidence": [evidence],
    }
    identifiers = _recipient_identifiers(certificate)
    if identifiers:
        document["credentialSubject"]["identifier"] = identifiers
    return credentials.sign(document, created=issued)


def _email(certificate: Certificate, template: str) -> None:
    """Tell the recipient by email, in the language of their profile, after commit."""
    recipient = certificate.recipient
    if not recipient.is_active or not recipient.email:
        return
    profile = getattr(recipient, "profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    context = {
        "certificate": certificate,
        "name": recipient.display_name,
        "url": credentials.absolute(certificate.get_absolute_url()),
        "verify_url": credentials.absolute(reverse("outcomes:verify")),
    }
    with translation.override(language):
        subject = render_to_string(f"outcomes/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"outcomes/email/{template}.txt", context)
    address = recipient.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=False))


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
    _email(certificate, "certificate_issued")
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
    title: str = "",
    description: str = "",
    achievement: str = "",
    evidence_url: str = "",
    group: Group | None = None,
    case_study: CaseStudyPage | None = None,
) -> Certificate:
    """A badge for applied practice (e.g. a peer-reviewed case study contributed),
    awarded by an organiser of the recipient's cohort or by staff.

    The same badge (same title) is awarded once per member and cohort while it stands;
    a revoked one may be awarded again."""
    if not can_award_badges(viewer=by, group=group):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if group is not None and not Membership.objects.filter(group=group, user=recipient).exists():
        errors["recipient"] = [_("Choose a member of this cohort.")]
    if achievement and achievement not in Certificate.Achievement.values:
        errors["achievement"] = [_("Choose one of the achievements listed.")]
    title = (title or "").strip() or (
        str(Certificate.Achievement(achievement).label)
        if achievement and achievement != Certificate.Achievement.OTHER
        else ""
    )
    if not title and "achievement" not in errors:
        errors["title"] = [_("Name the achievement this badge recognises.")]
    if evidence_url and urlsplit(evidence_url).scheme not in ("http", "https"):
        errors["evidence_url"] = [_("Give a web address that starts with http:// or https://.")]
    if (
        group is not None
        and title
        and Certificate.objects.filter(
            kind=Certificate.Kind.BADGE,
            recipient=recipient,
            group=group,
            title=title[:255],
            revoked_at__isnull=True,
        ).exists()
    ):
        errors["recipient"] = [
            _("%(name)s already holds this badge for this cohort.")
            % {"name": recipient.display_name}
        ]
    if errors:
        raise ValidationError(errors)
    if case_study is None and evidence_url:
        case_study = case_study_at(evidence_url)
    badge = _issue(
        kind=Certificate.Kind.BADGE,
        achievement=achievement,
        recipient=recipient,
        recipient_name=recipient.display_name,
        title=title[:255],
        description=description.strip(),
        evidence_url=evidence_url,
        group=group,
        case_study=case_study,
        issued_by=by,
    )
    logger.info("badge %s awarded to user %s by user %s", badge.uuid, recipient.pk, by.pk)
    return badge


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Withdraw a certificate or badge, with the reason the verification page shows.
    The signed credential stays as issued: verification reports it as revoked. The
    holder may withdraw their own (when they delete their account); they are not told
    of what they did themselves."""
    by_holder = by.pk == certificate.recipient_id
    allowed = (
        by_holder
        or is_editor(by)
        or (
            certificate.group is not None
            and can_manage_follow_up(viewer=by, group=certificate.group)
        )
    )
    if not allowed:
        raise PermissionDenied
    if certificate.is_revoked:
        raise ValidationError({"reason": _("It is already revoked.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for revoking it.")})
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason.strip()[:500]
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    notification_create(
        recipient=certificate.recipient,
        verb=Notification.Verb.FOLLOW_UP,
        title=_("Withdrawn: %(title)s") % {"title": certificate.title},
        url=certificate.get_absolute_url(),
        target=certificate,
        actor=by,
    )
    if not by_holder:
        _email(certificate, "certificate_revoked")
    logger.info("certificate %s revoked by user %s", certificate.uuid, by.pk)
    return certificate
