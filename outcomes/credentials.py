"""Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0) signed with Ed25519.

The proof follows the ``eddsa-jcs-2022`` cryptosuite of the W3C Data Integrity EdDSA
specification: the proof options and the unsigned credential are each canonicalised
with JCS (RFC 8785), hashed with SHA-256, and the concatenated hashes are signed; the
signature is multibase base58btc (``z…``). Our documents hold only strings, integers and
nested objects, for which sorted-key compact JSON is exactly JCS.

The private key comes from ``settings.CERTIFICATE_SIGNING_KEY`` (PEM). Without one, a
key is derived from ``SECRET_KEY`` so that the demo and the tests sign deterministically
without a key ever being committed.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import logging
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.urls import reverse

logger = logging.getLogger(__name__)

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ED25519_MULTICODEC = b"\xed\x01"


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        n = n * 58 + _B58.index(ch)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + body


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@lru_cache(maxsize=4)
def _load_key(pem: str, secret: str) -> Ed25519PrivateKey:
    if pem.strip():
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("CERTIFICATE_SIGNING_KEY must be an Ed25519 private key")
        return key
    seed = hashlib.sha256(b"practice-commons-certificates:" + secret.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_key() -> Ed25519PrivateKey:
    return _load_key(settings.CERTIFICATE_SIGNING_KEY, settings.SECRET_KEY)


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def _public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_multibase() -> str:
    return "z" + b58encode(_ED25519_MULTICODEC + _public_bytes(public_key()))


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_id() -> str:
    return absolute(reverse("outcomes:issuer"))


def verification_method_id() -> str:
    return f"{issuer_id()}#key-1"


def issuer_profile() -> dict[str, Any]:
    """The issuer's public profile, with the verification key as a Multikey and a JWK."""
    raw = _public_bytes(public_key())
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "verificationMethod": [
            {
                "id": verification_method_id(),
                "type": "Multikey",
                "controller": issuer_id(),
                "publicKeyMultibase": public_key_multibase(),
                "publicKeyJwk": {
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode(),
                },
            }
        ],
        "assertionMethod": [verification_method_id()],
    }


def _hash_data(document: dict, proof_options: dict) -> bytes:
    return (
        hashlib.sha256(canonical(proof_options)).digest()
        + hashlib.sha256(canonical(document)).digest()
    )


def sign(document: dict[str, Any], *, created: str) -> dict[str, Any]:
    """Return a copy of ``document`` with a ``DataIntegrityProof``."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    options = {
        "@context": unsigned.get("@context", CONTEXTS),
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": created,
        "verificationMethod": verification_method_id(),
        "proofPurpose": "assertionMethod",
    }
    signature = signing_key().sign(_hash_data(unsigned, options))
    proof = {k: v for k, v in options.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    signed = copy.deepcopy(unsigned)
    signed["proof"] = proof
    return signed


def signature_is_valid(document: Any) -> bool:
    """Whether ``document`` carries a proof made by our key over exactly this content."""
    if not isinstance(document, dict) or not isinstance(document.get("proof"), dict):
        return False
    proof = document["proof"]
    value = proof.get("proofValue")
    if (
        proof.get("type") != "DataIntegrityProof"
        or proof.get("cryptosuite") != "eddsa-jcs-2022"
        or proof.get("verificationMethod") != verification_method_id()
        or not isinstance(value, str)
        or not value.startswith("z")
    ):
        return False
    try:
        signature = b58decode(value[1:])
    except ValueError:
        return False
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = unsigned.get("@context", CONTEXTS)
    try:
        public_key().verify(signature, _hash_data(unsigned, options))
    except (InvalidSignature, ValueError):
        return False
    return True
