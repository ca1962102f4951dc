"""Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0) signed with Ed25519.

The proof follows the ``eddsa-jcs-2022`` cryptosuite of the W3C Data Integrity EdDSA
specification: the proof options and the unsigned credential are each canonicalised
with JCS (RFC 8785), hashed with SHA-256, and the concatenated hashes are signed; the
signature is multibase base58btc (``z…``). JCS comes from ``rfc8785`` and base58 from
``base58``, maintained libraries, rather than codecs of our own; for the strings,
integers, arrays and objects our documents hold, JCS is the sorted-key compact JSON that
signed the credentials issued before, so those still verify.

Base58 decoding is quadratic in the length of its input, so a proof value is held to the
shape an Ed25519 signature can have (:data:`PROOF_VALUE`) before it is decoded.

The private key comes from ``settings.CERTIFICATE_SIGNING_KEY`` (PEM). Without one, a
key is derived from ``SECRET_KEY`` so that the demo and the tests sign deterministically
without a key ever being committed.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import logging
import re
from functools import lru_cache
from typing import Any

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.urls import reverse

from core.addresses import absolute_url

logger = logging.getLogger(__name__)

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
_ED25519_MULTICODEC = b"\xed\x01"
_BASE58BTC = "z"  # the multibase prefix of base58btc
SIGNATURE_BYTES = 64
# 64 bytes are at most 88 base58 characters (58**88 > 256**64), and never fewer than 64:
# each leading zero byte is one "1" and what follows needs at least one character.
PROOF_VALUE = re.compile(_BASE58BTC + r"[1-9A-HJ-NP-Za-km-z]{64,88}")


def multibase_encode(data: bytes) -> str:
    return _BASE58BTC + base58.b58encode(data).decode("ascii")


def proof_value_is_plausible(value: Any) -> bool:
    """Whether ``value`` has the shape of a base58btc Ed25519 signature; cheap, so it is
    asked before anything is decoded."""
    return isinstance(value, str) and PROOF_VALUE.fullmatch(value) is not None


def canonical(value: Any) -> bytes:
    """RFC 8785 (JCS)."""
    return rfc8785.dumps(value)


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
    return multibase_encode(_ED25519_MULTICODEC + _public_bytes(public_key()))


def absolute(path: str) -> str:
    """Credential ids and links are on the site's public address (``SITE_URL``), the
    same one every email uses."""
    return absolute_url(path)


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
    proof["proofValue"] = multibase_encode(signature)
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
        or not proof_value_is_plausible(value)
    ):
        return False
    signature = base58.b58decode(value[len(_BASE58BTC) :])
    if len(signature) != SIGNATURE_BYTES:
        return False
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = unsigned.get("@context", CONTEXTS)
    try:
        public_key().verify(signature, _hash_data(unsigned, options))
    except (InvalidSignature, rfc8785.CanonicalizationError, ValueError):
        return False
    return True
