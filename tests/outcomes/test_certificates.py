"""Verifiable certificates: signing, the public page, tampering, revocation."""

import copy
import hashlib
import json

import pytest
from django.urls import reverse

from outcomes import credentials, services
from outcomes.models import Certificate
from outcomes.selectors.certificates import verify_credential
from tests.outcomes.factories import cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(db):
    group, organiser, members = cohort(alumni=2)
    certificates = services.certificates_issue_for_cohort(group=group, by=organiser)
    return group, organiser, members, certificates


def test_organiser_issues_one_certificate_per_alumna(issued):
    group, organiser, members, certificates = issued
    assert sorted(c.recipient_id for c in certificates) == sorted(m.pk for m in members)
    assert services.certificates_issue_for_cohort(group=group, by=organiser) == []
    assert Certificate.objects.count() == 2


def test_plain_member_cannot_issue_certificates(issued):
    from django.core.exceptions import PermissionDenied

    group, _organiser, members, _ = issued
    with pytest.raises(PermissionDenied):
        services.certificates_issue_for_cohort(group=group, by=members[0])


def test_credential_is_an_open_badge_with_a_valid_proof(issued):
    certificate = issued[3][0]
    document = certificate.credential
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["credentialSubject"]["name"] == certificate.recipient_name
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert credentials.signature_is_valid(document)
    assert verify_credential(json.dumps(document)).status == "valid"


def test_credential_names_its_recipient_by_a_salted_hash_of_her_email(client, issued):
    certificate = issued[3][0]
    document = client.get(reverse("outcomes:certificate_json", args=[str(certificate.uuid)])).json()

    (identity,) = document["credentialSubject"]["identifier"]
    assert identity["type"] == "IdentityObject"
    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    salted = (certificate.recipient.email.lower() + identity["salt"]).encode()
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(salted).hexdigest()
    assert certificate.recipient.email.lower() not in json.dumps(document).lower()
    assert verify_credential(document).status == "valid"


def test_each_credential_is_salted_apart(issued):
    salts = {c.credential["credentialSubject"]["identifier"][0]["salt"] for c in issued[3]}

    assert len(salts) == len(issued[3])
    assert all(len(salt) >= 32 for salt in salts)


def test_a_credential_bound_to_someone_else_is_tampered(issued):
    document = copy.deepcopy(issued[3][0].credential)
    identity = document["credentialSubject"]["identifier"][0]
    salted = ("someone.else@example.org" + identity["salt"]).encode()
    identity["identityHash"] = "sha256$" + hashlib.sha256(salted).hexdigest()

    assert verify_credential(document).status == "tampered"


def test_altered_credential_is_reported_as_tampered(issued):
    document = copy.deepcopy(issued[3][0].credential)
    document["credentialSubject"]["name"] = "Somebody Else"
    assert verify_credential(document).status == "tampered"


def test_forged_proof_value_is_reported_as_tampered(issued):
    document = copy.deepcopy(issued[3][0].credential)
    document["proof"]["proofValue"] = "z" + "1" * 80
    assert verify_credential(document).status == "tampered"


def test_credential_signed_by_another_key_is_not_valid(issued, settings):
    document = issued[3][0].credential
    settings.SECRET_KEY = "another-secret-key-for-another-issuer-0123456789"
    assert verify_credential(document).status == "tampered"


def test_unknown_and_unreadable_credentials(issued):
    assert verify_credential('{"id": "urn:uuid:00000000-0000-0000-0000-000000000000"}').status == (
        "unknown"
    )
    assert verify_credential("not json").status == "unreadable"


def test_public_page_json_and_issuer_key(client, issued):
    certificate = issued[3][0]
    page = client.get(reverse("outcomes:certificate_detail", args=[certificate.uuid]))
    assert page.status_code == 200
    assert "Valid" in page.content.decode()
    data = client.get(reverse("outcomes:certificate_json", args=[str(certificate.uuid)])).json()
    assert data == certificate.credential
    issuer = client.get(reverse("outcomes:issuer")).json()
    method = issuer["verificationMethod"][0]
    assert method["id"] == data["proof"]["verificationMethod"]
    assert method["publicKeyMultibase"].startswith("z6Mk")


def test_revocation_shows_on_the_page_and_in_verification(client, issued):
    _group, organiser, _members, certificates = issued
    certificate = certificates[0]
    client.force_login(organiser)
    client.post(
        reverse("outcomes:certificate_revoke", args=[certificate.uuid]),
        {"reason": "Issued by mistake"},
    )
    client.logout()
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Revoked" in page
    assert "Issued by mistake" in page
    response = client.post(
        reverse("outcomes:verify"),
        data=json.dumps(certificate.credential),
        content_type="application/json",
    )
    assert response.json()["status"] == "revoked"
    assert response.json()["revocation_reason"] == "Issued by mistake"


def test_member_cannot_revoke(client, issued):
    _group, _organiser, members, certificates = issued
    client.force_login(members[1])
    client.post(
        reverse("outcomes:certificate_revoke", args=[certificates[0].uuid]), {"reason": "No"}
    )
    certificates[0].refresh_from_db()
    assert not certificates[0].is_revoked


def test_verify_form_reports_tampering_and_bad_json(client, issued):
    document = copy.deepcopy(issued[3][0].credential)
    document["name"] = "Master of Everything"
    response = client.post(reverse("outcomes:verify"), {"credential": json.dumps(document)})
    assert "Not valid: the signature does not match" in response.content.decode()
    response = client.post(reverse("outcomes:verify"), {"credential": "{oops"})
    assert response.status_code == 400
    assert "not a readable credential" in response.content.decode()


def test_verify_api_answers_400_for_bad_json(client):
    response = client.post(reverse("outcomes:verify"), data="{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == "unreadable"


def test_editor_awards_a_badge_for_applied_practice(editor, member):
    badge = services.badge_issue(
        recipient=member, by=editor, title="Peer-reviewed case study contributor"
    )
    assert badge.credential["credentialSubject"]["achievement"]["achievementType"] == "Badge"
    assert verify_credential(badge.credential).status == "valid"


def test_configured_pem_key_is_used(settings, issued):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    settings.CERTIFICATE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    assert verify_credential(issued[3][0].credential).status == "tampered"
    signed = credentials.sign({"id": "urn:uuid:x"}, created="2025-01-01T00:00:00Z")
    assert credentials.signature_is_valid(signed)


# The organisers' certificates page ---------------------------------------------------


def _certificates_url(group) -> str:
    return reverse("outcomes:cohort_certificates_issue", args=[group.slug])


def test_follow_up_page_links_to_the_cohort_certificates(client, alumni_cohort):
    group, organiser, _members = alumni_cohort
    client.force_login(organiser)

    body = client.get(reverse("outcomes:cohort_follow_up", args=[group.slug])).content.decode()

    assert f'href="{_certificates_url(group)}"' in body


def test_certificates_page_says_how_many_alumni_have_none_yet(client, alumni_cohort):
    group, organiser, _members = alumni_cohort
    client.force_login(organiser)

    body = client.get(_certificates_url(group)).content.decode()

    assert "3 alumni have no certificate yet." in body
    assert "Issue 3 certificates" in body
    assert "No certificate has been issued yet." in body


def test_organiser_issues_certificates_to_all_alumni_who_are_emailed(
    client, alumni_cohort, mailoutbox, django_capture_on_commit_callbacks
):
    group, organiser, members = alumni_cohort
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_certificates_url(group), {"title": "Fair recruitment course"})

    assert response.status_code == 302
    assert sorted(email.to[0] for email in mailoutbox) == sorted(m.email for m in members)
    assert mailoutbox[0].subject == "Your certificate: Fair recruitment course"
    body = client.get(response.url).content.decode()
    assert "3 certificates issued: the alumni were told by email." in body
    assert "Every alumna of this cohort has a certificate." in body
    for member in members:
        assert member.display_name in body


def test_issuing_again_leaves_existing_certificates_alone(client, alumni_cohort):
    group, organiser, _members = alumni_cohort
    client.force_login(organiser)
    client.post(_certificates_url(group), {})

    response = client.post(_certificates_url(group), {}, follow=True)

    assert "Every alumna already has a certificate." in response.content.decode()
    assert Certificate.objects.count() == 3


def test_certificates_page_lists_revoked_ones_with_their_reason(client, issued):
    group, organiser, _members, certificates = issued
    services.certificate_revoke(certificate=certificates[0], by=organiser, reason="Did not finish")
    client.force_login(organiser)

    body = client.get(_certificates_url(group)).content.decode()

    assert "Revoked" in body
    assert "Did not finish" in body


def test_plain_member_may_not_open_the_certificates_page(client, alumni_cohort):
    group, _organiser, members = alumni_cohort
    client.force_login(members[0])

    assert client.get(_certificates_url(group)).status_code == 403
    assert client.post(_certificates_url(group), {}).status_code == 403
    assert not Certificate.objects.exists()


def test_revoking_without_a_reason_shows_the_field_error(client, issued):
    _group, organiser, _members, certificates = issued
    client.force_login(organiser)

    response = client.post(
        reverse("outcomes:certificate_revoke", args=[certificates[0].uuid]), {"reason": "  "}
    )

    assert response.status_code == 400
    assert 'id="id_reason-errors"' in response.content.decode()
    certificates[0].refresh_from_db()
    assert not certificates[0].is_revoked


def test_holder_is_told_when_a_certificate_is_revoked(
    client, issued, mailoutbox, django_capture_on_commit_callbacks
):
    _group, organiser, members, certificates = issued
    certificate = next(c for c in certificates if c.recipient == members[0])
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("outcomes:certificate_revoke", args=[certificate.uuid]),
            {"reason": "Issued to the wrong cohort"},
        )

    assert [email.to for email in mailoutbox] == [[members[0].email]]
    assert "Issued to the wrong cohort" in mailoutbox[0].body
    assert members[0].notifications.filter(title__startswith="Withdrawn:").exists()


def test_a_revoked_certificate_cannot_be_revoked_again(issued):
    from django.core.exceptions import ValidationError

    _group, organiser, _members, certificates = issued
    services.certificate_revoke(certificate=certificates[0], by=organiser, reason="Mistake")

    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificates[0], by=organiser, reason="Again")


# Addresses: every id and link of a credential is on the site's public address ---------


def test_credential_ids_and_links_are_on_the_sites_public_address(settings, alumni_cohort):
    settings.SITE_URL = "https://commons.example.org"
    group, organiser, _members = alumni_cohort

    document = services.certificates_issue_for_cohort(group=group, by=organiser)[0].credential

    site = "https://commons.example.org/"
    assert document["issuer"]["id"].startswith(site)
    assert document["credentialSubject"]["achievement"]["id"].startswith(site)
    assert document["evidence"][0]["id"].startswith(site)
    assert document["proof"]["verificationMethod"].startswith(site)


def test_verify_api_links_the_certificate_on_the_sites_public_address(
    client, settings, alumni_cohort
):
    settings.SITE_URL = "https://commons.example.org"
    group, organiser, _members = alumni_cohort
    certificate = services.certificates_issue_for_cohort(group=group, by=organiser)[0]

    response = client.post(
        reverse("outcomes:verify"),
        data=json.dumps(certificate.credential),
        content_type="application/json",
        HTTP_HOST="localhost",
    )

    assert response.json()["status"] == "valid"
    assert response.json()["certificate"] == (
        "https://commons.example.org" + certificate.get_absolute_url()
    )
