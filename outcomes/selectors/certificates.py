"""Verifying a credential someone presents."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from community.models import Group, User
from outcomes import credentials
from outcomes.models import Certificate

UUID_RE = re.compile(r"^urn:uuid:([0-9a-f-]{36})$")


@dataclass
class Verification:
    status: str  # valid | tampered | revoked | unknown | unreadable
    certificate: Certificate | None = None


def verify_credential(raw: str | bytes | dict[str, Any]) -> Verification:
    """Valid only if our key signed exactly this document *and* we issued it and have
    not revoked it. A document that is not JSON is ``unreadable``."""
    if isinstance(raw, dict):
        document = raw
    else:
        try:
            document = json.loads(raw)
        except (TypeError, ValueError):
            return Verification("unreadable")
    if not isinstance(document, dict):
        return Verification("unreadable")
    certificate = None
    match = UUID_RE.match(str(document.get("id", "")))
    if match:
        try:
            key = uuid.UUID(match.group(1))
        except ValueError:
            key = None
        if key is not None:
            certificate = Certificate.objects.filter(uuid=key).first()
    if not credentials.signature_is_valid(document):
        status = "tampered" if certificate or "proof" in document else "unknown"
        return Verification(status, certificate)
    if certificate is None:
        return Verification("unknown")
    if certificate.credential != document:
        return Verification("tampered", certificate)
    if certificate.is_revoked:
        return Verification("revoked", certificate)
    return Verification("valid", certificate)


def badge_recipients(*, group: Group) -> QuerySet[User]:
    """The members of a cohort a badge can be awarded to (active accounts, any role)."""
    return (
        User.objects.filter(is_active=True, memberships__group=group)
        .select_related("profile")
        .order_by("profile__display_name", "handle")
        .distinct()
    )


def cohort_certificates(*, group: Group) -> QuerySet[Certificate]:
    """Everything issued in a cohort, newest first, for its organisers' overview."""
    return (
        Certificate.objects.filter(group=group)
        .select_related("recipient__profile", "issued_by__profile")
        .order_by("-issued_at", "recipient_name")
    )
