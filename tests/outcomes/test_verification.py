"""The public verification endpoint under hostile input: sizes are capped before any
work, proof values that cannot be an Ed25519 signature never reach the base58 decoder,
machines are rate-limited like search, and credentials signed before the codecs became
libraries still verify — also by an implementation that shares no code with ours."""

import base64
import copy
import datetime
import hashlib
import json
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.cache import cache
from django.urls import reverse

from outcomes import credentials, services
from outcomes.selectors.certificates import MAX_CREDENTIAL_BYTES
from tests.outcomes.factories import cohort

pytestmark = pytest.mark.django_db

LEGACY = Path(__file__).parent / "data" / "legacy_credential.json"


@pytest.fixture
def credential(db) -> dict:
    group, organiser, _members = cohort(alumni=1)
    return services.certificates_issue_for_cohort(group=group, by=organiser)[0].credential


def _post_json(client, body: str | bytes, **extra):
    return client.post(
        reverse("outcomes:verify"), data=body, content_type="application/json", **extra
    )


def _with_proof_value(document: dict, value: str) -> dict:
    forged = copy.deepcopy(document)
    forged["proof"]["proofValue"] = value
    return forged


# --- sizes -------------------------------------------------------------------------


def test_oversized_json_body_answers_413_without_being_parsed(client, credential):
    document = copy.deepcopy(credential)
    document["padding"] = "x" * MAX_CREDENTIAL_BYTES

    with mock.patch("outcomes.selectors.certificates.json.loads") as loads:
        response = _post_json(client, json.dumps(document))

    assert response.status_code == 413
    assert response.json()["status"] == "too_large"
    assert "too large" in response.json()["message"]
    loads.assert_not_called()


def test_120000_character_proof_value_is_refused_before_decoding(client, credential):
    forged = _with_proof_value(credential, "z" + "5" * 120_000)

    with mock.patch("outcomes.credentials.base58.b58decode") as decode:
        response = _post_json(client, json.dumps(forged))

    assert response.status_code == 413
    decode.assert_not_called()


def test_proof_value_too_long_for_a_signature_answers_422_before_decoding(client, credential):
    forged = _with_proof_value(credential, "z" + "5" * 5_000)

    with mock.patch("outcomes.credentials.base58.b58decode") as decode:
        response = _post_json(client, json.dumps(forged))

    assert response.status_code == 422
    assert response.json()["status"] == "malformed"
    assert "cannot be a signature" in response.json()["message"]
    decode.assert_not_called()


@pytest.mark.parametrize(
    "value",
    ["z" + "2" * 63, "z" + "2" * 89, "z" + "0" * 86, "u" + "A" * 86, "z" + "l" * 86],
    ids=["too-short", "too-long", "not-base58", "not-base58btc", "letter-l"],
)
def test_proof_value_outside_the_shape_of_an_ed25519_signature_is_malformed(
    client, credential, value
):
    with mock.patch("outcomes.credentials.base58.b58decode") as decode:
        response = _post_json(client, json.dumps(_with_proof_value(credential, value)))

    assert response.status_code == 422
    decode.assert_not_called()


def test_a_string_field_longer_than_any_credential_holds_answers_422(client, credential):
    document = copy.deepcopy(credential)
    document["credentialSubject"]["name"] = "A" * 20_000

    response = _post_json(client, json.dumps(document))

    assert response.status_code == 422
    assert response.json()["status"] == "malformed"


def test_deeply_nested_json_answers_400_not_500(client):
    response = _post_json(client, "[" * 40_000 + "]" * 40_000)

    assert response.status_code == 400
    assert response.json()["status"] == "unreadable"


def test_json_with_nan_answers_400_not_500(client, credential):
    body = json.dumps(credential)[:-1] + ', "score": NaN}'

    response = _post_json(client, body)

    assert response.status_code == 400
    assert response.json()["status"] == "unreadable"


def test_oversized_pasted_credential_is_a_field_error(client, credential):
    document = copy.deepcopy(credential)
    document["padding"] = "x" * MAX_CREDENTIAL_BYTES

    response = client.post(reverse("outcomes:verify"), {"credential": json.dumps(document)})

    assert response.status_code == 400
    assert 'id="id_credential-errors"' in response.content.decode()


def test_pasted_credential_with_an_absurd_proof_value_says_why(client, credential):
    forged = _with_proof_value(credential, "z" + "5" * 5_000)

    with mock.patch("outcomes.credentials.base58.b58decode") as decode:
        response = client.post(reverse("outcomes:verify"), {"credential": json.dumps(forged)})

    assert response.status_code == 422
    assert "cannot be a signature" in response.content.decode()
    decode.assert_not_called()


def test_a_plausible_but_wrong_proof_value_is_still_reported_as_tampered(client, credential):
    forged = _with_proof_value(credential, "z" + "2" * 87)

    response = _post_json(client, json.dumps(forged))

    assert response.status_code == 200
    assert response.json()["status"] == "tampered"


# --- rate limit --------------------------------------------------------------------


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "verify": "2/m"}
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, 30, tzinfo=datetime.UTC), tick=False
    ):
        yield settings
    cache.clear()


def test_machines_verifying_too_often_get_429_in_json_with_retry_after(client, credential, limits):
    body = json.dumps(credential)

    statuses = [_post_json(client, body) for _ in range(3)]

    assert [r.status_code for r in statuses] == [200, 200, 429]
    refused = statuses[-1]
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_people_pasting_too_often_get_the_429_page_and_reading_the_form_is_free(
    client, credential, limits
):
    url = reverse("outcomes:verify")
    for _ in range(3):
        assert client.get(url).status_code == 200
    client.post(url, {"credential": json.dumps(credential)})
    client.post(url, {"credential": json.dumps(credential)})

    refused = client.post(url, {"credential": json.dumps(credential)})

    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert "<h1>Too many requests</h1>" in refused.content.decode()


# --- the codecs are libraries now; old credentials still hold -----------------------


def test_credential_signed_by_the_hand_written_codecs_still_verifies(settings):
    """Signed before base58 and JCS came from libraries, with a non-ASCII name, quotes,
    a tab, an emoji and a control character in it."""
    settings.SECRET_KEY = "legacy-credential-fixture-key-0123456789abcdef"
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.SITE_URL = "http://testserver"
    document = json.loads(LEGACY.read_text(encoding="utf-8"))

    assert credentials.signature_is_valid(document)
    document["credentialSubject"]["name"] += "."
    assert not credentials.signature_is_valid(document)


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _independent_verify(document: dict, public_key_jwk: dict) -> bool:
    """eddsa-jcs-2022 written from the specification, sharing no code with the site:
    the key from the issuer's JWK, base58btc by hand, JCS as sorted compact JSON (exact
    for documents of strings, integers, arrays and objects)."""
    proof = dict(document["proof"])
    value = proof.pop("proofValue")
    assert value.startswith("z")
    number = 0
    for char in value[1:]:
        number = number * 58 + _B58.index(char)
    signature = number.to_bytes(64, "big")
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    proof["@context"] = unsigned["@context"]

    def jcs(value) -> bytes:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    data = hashlib.sha256(jcs(proof)).digest() + hashlib.sha256(jcs(unsigned)).digest()
    raw = base64.urlsafe_b64decode(public_key_jwk["x"] + "==")
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except Exception:  # noqa: BLE001
        return False
    return True


def test_an_issued_credential_verifies_with_an_independent_implementation(client, credential):
    issuer = client.get(reverse("outcomes:issuer")).json()
    jwk = issuer["verificationMethod"][0]["publicKeyJwk"]

    assert "identifier" in credential["credentialSubject"]  # the binding is signed too
    assert _independent_verify(credential, jwk)
    altered = copy.deepcopy(credential)
    altered["name"] = "Master of Everything"
    assert not _independent_verify(altered, jwk)
