"""Signed, expiring, per-respondent follow-up links (``django.core.signing``).

The token names the invitation and its respondent; it cannot be altered without the
``SECRET_KEY``. A link stops working when the questionnaire closes, and in any case
after ``MAX_AGE`` — long enough for the longest questionnaire window.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.utils import timezone

from .models import FollowUpInvitation

SALT = "outcomes.follow-up-link"
MAX_AGE = datetime.timedelta(days=400)


class LinkError(Exception):
    """Why a link cannot be used: ``forged``, ``expired`` or ``other_member``."""

    def __init__(self, reason: str, invitation: FollowUpInvitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def make_token(invitation: FollowUpInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "u": invitation.respondent_id}, salt=SALT)


def read_token(token: str, *, viewer) -> FollowUpInvitation:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkError("expired") from exc
    except signing.BadSignature as exc:
        raise LinkError("forged") from exc
    if not isinstance(payload, dict):
        raise LinkError("forged")
    invitation = (
        FollowUpInvitation.objects.select_related(
            "respondent__profile", "questionnaire__schedule__group"
        )
        .filter(pk=payload.get("i"), respondent_id=payload.get("u"))
        .first()
    )
    if invitation is None:
        raise LinkError("forged")
    if viewer is not None and viewer.is_authenticated and viewer.pk != invitation.respondent_id:
        raise LinkError("other_member", invitation)
    if not invitation.questionnaire.is_open(timezone.localdate()):
        raise LinkError("expired", invitation)
    return invitation
