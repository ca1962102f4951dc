"""What outcomes holds about a member — capacity needs, endorsements, follow-up answers,
certificates — for the data export and for the deletion of their account (see
:mod:`community.exports`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.exports import account_deleting, register_exporter
from community.models import User
from community.privacy import iso
from community.selectors import can_view_group_content

from .models import (
    Certificate,
    FollowUpInvitation,
    FollowUpResponse,
    Need,
    NeedEndorsement,
)
from .services.certificates import certificate_revoke


@register_exporter(
    "needs",
    title=_("Capacity needs you posted"),
    fields={
        "title": _("Topic"),
        "organisation": _("On behalf of"),
        "description": _("Description"),
        "country": _("Country"),
        "status": _("Status"),
        "created": _("Posted"),
    },
    order=30,
)
def export_needs(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": n.pk,
            "title": n.title,
            "organisation": n.organisation,
            "description": n.description,
            "country": n.country.code,
            "urgency": n.urgency,
            "status": n.status,
            "url": n.get_absolute_url(),
            "created": iso(n.created_at),
        }
        for n in Need.objects.filter(author=user).select_related("country").order_by("pk")
    ]


@register_exporter(
    "endorsements",
    title=_("Needs you endorsed"),
    fields={"need": _("Need"), "created": _("Endorsed")},
    order=31,
)
def export_endorsements(user: User) -> list[dict[str, Any]]:
    return [
        {"need": e.need.title, "url": e.need.get_absolute_url(), "created": iso(e.created_at)}
        for e in NeedEndorsement.objects.filter(user=user).select_related("need").order_by("pk")
    ]


@register_exporter(
    "follow_up_answers",
    title=_("Your follow-up answers"),
    fields={
        "questionnaire": _("Questionnaire"),
        "answers": _("Answers"),
        "submitted": _("Sent"),
    },
    order=32,
)
def export_follow_up_answers(user: User) -> list[dict[str, Any]]:
    """The member's own answers; the questionnaire is named while they may still see
    the cohort it belongs to."""
    responses = (
        FollowUpResponse.objects.filter(respondent=user)
        .select_related("questionnaire__schedule__group", "country", "sector")
        .prefetch_related("answers")
        .order_by("pk")
    )
    rows = []
    for r in responses:
        group = r.questionnaire.schedule.group
        rows.append(
            {
                "questionnaire": r.questionnaire.title
                if can_view_group_content(viewer=user, group=group)
                else None,
                "country": r.country.code if r.country else None,
                "sector": r.sector.slug if r.sector else None,
                "role": r.role,
                "answers": [
                    {"question": a.key, "answer": a.value}
                    for a in sorted(r.answers.all(), key=lambda a: a.pk)
                ],
                "submitted": iso(r.submitted_at),
            }
        )
    return rows


@register_exporter(
    "certificates",
    title=_("Your certificates and badges"),
    fields={
        "title": _("Title"),
        "kind": _("Kind"),
        "issued": _("Issued"),
        "revoked": _("Revoked"),
        "url": _("Link"),
    },
    order=33,
)
def export_certificates(user: User) -> list[dict[str, Any]]:
    return [
        {
            "uuid": str(c.uuid),
            "title": c.title,
            "kind": c.kind,
            "recipient_name": c.recipient_name,
            "issued": iso(c.issued_at),
            "revoked": iso(c.revoked_at),
            "revocation_reason": c.revocation_reason,
            "url": c.get_absolute_url(),
            "credential": c.credential,
        }
        for c in Certificate.objects.filter(recipient=user).order_by("pk")
    ]


def _on_account_deleting(sender, user: User, delete_content: bool, **kwargs) -> None:
    """Certificates are revoked in both cases — a credential of a person who is no
    longer here must not verify as current — through the same service an organiser
    uses, with the reason the verification page shows. With ``delete_content`` the
    member's needs (and the endorsements they received), their endorsements and their
    follow-up invitations and answers are deleted; dashboards count what remains.
    """
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext("Withdrawn at the holder's request: they deleted their account.")
    for certificate in Certificate.objects.filter(recipient=user, revoked_at__isnull=True):
        certificate_revoke(certificate=certificate, by=user, reason=reason)
    if not delete_content:
        return
    FollowUpInvitation.objects.filter(respondent=user).delete()
    Need.objects.filter(author=user).delete()
    NeedEndorsement.objects.filter(user=user).delete()
    FollowUpResponse.objects.filter(respondent=user).delete()


account_deleting.connect(_on_account_deleting, dispatch_uid="outcomes-privacy-delete")
