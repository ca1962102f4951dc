"""Verifying a credential someone presents."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

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
