"""Verifying a credential someone presents."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db.models import QuerySet

from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
from community.models import Group, Membership, User
from outcomes import credentials
from outcomes.models import Certificate

UUID_RE = re.compile(r"^urn:uuid:([0-9a-f-]{36})$")

# What a credential someone presents may hold, checked before any work is done on it.
# Ours are a few kilobytes, their longest text (a badge's narrative) 2,000 characters,
# and they nest five levels deep.
MAX_CREDENTIAL_BYTES = 100_000
MAX_STRING_CHARS = 10_000
MAX_DEPTH = 32


@dataclass
class Verification:
    status: str  # valid | tampered | revoked | unknown | unreadable | too_large | malformed
    certificate: Certificate | None = None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _within_limits(document: Any) -> bool:
    """No string longer than :data:`MAX_STRING_CHARS` (keys included), no nesting
    deeper than :data:`MAX_DEPTH` and, where a proof is, a proof value that can be an
    Ed25519 signature — walked without recursion."""
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if len(value) > MAX_STRING_CHARS:
                return False
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return False
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((key, depth + 1))
                stack.append((item, depth + 1))
    proof = document.get("proof")
    if isinstance(proof, dict) and "proofValue" in proof:
        return credentials.proof_value_is_plausible(proof["proofValue"])
    return True


def verify_credential(raw: str | bytes | dict[str, Any]) -> Verification:
    """Valid only if our key signed exactly this document *and* we issued it and have
    not revoked it. A document larger than :data:`MAX_CREDENTIAL_BYTES` is ``too_large``
    (and not parsed); one that is not a JSON object is ``unreadable``; one that holds
    more than a credential can (:func:`_within_limits`) is ``malformed``."""
    if isinstance(raw, dict):
        document = raw
    else:
        size = len(raw.encode()) if isinstance(raw, str) else len(raw)
        if size > MAX_CREDENTIAL_BYTES:
            return Verification("too_large")
        try:
            document = json.loads(raw, parse_constant=_refuse_constant)
        except (TypeError, ValueError, RecursionError):
            return Verification("unreadable")
    if not isinstance(document, dict):
        return Verification("unreadable")
    if not _within_limits(document):
        return Verification("malformed")
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


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def case_study_at(url: str) -> CaseStudyPage | None:
    """The published case study an evidence URL points to, if it is one of ours, so a
    badge "for a peer-reviewed case study" links to the page itself. Ours means on the
    site's public address (``SITE_URL``) or its Wagtail site's, not any host that
    happens to have the same path."""
    path = urlsplit(url).path
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        return None
    for page in public_pages(CaseStudyPage).filter(slug=slug):
        _site_id, root_url, page_path = page.get_url_parts() or (None, "", "")
        origins = {_origin(credentials.absolute("/")), _origin(root_url or "")}
        if path == page_path and _origin(url) in origins:
            return page
    return None


def alumni_without_certificate(*, group: Group) -> int:
    """How many alumni issuing to the cohort would reach (``certificates_issue_for_cohort``
    skips those who have one, revoked or not)."""
    return (
        group.memberships.filter(role=Membership.Role.MEMBER, user__is_active=True)
        .exclude(
            user__certificates__in=Certificate.objects.filter(
                group=group, kind=Certificate.Kind.CERTIFICATE
            )
        )
        .count()
    )
