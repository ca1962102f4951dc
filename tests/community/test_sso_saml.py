"""Signing in with an organisation's SAML 2.0 identity provider, against a real IdP
(pysaml2, on loopback) that signs its responses and assertions with xmlsec1."""

import json

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client as DjangoClient
from django.urls import reverse

from community.models import Membership, User
from config import sso
from tests.community.sso_providers import saml_idp_answer, site_path
from tests.community.sso_world import (
    SAML_ACS,
    SAML_SLUG,
    SAML_SP_ENTITY,
    organisation_sign_in,
    saml_app,
)

pytestmark = pytest.mark.django_db


def Client():  # noqa: N802 - python3-saml reads the Host header, which browsers always send
    return DjangoClient(HTTP_HOST="testserver")


WRONG_SP = "https://somewhere-else.example/saml/sp"


@pytest.fixture
def idp(start_saml_idp):
    return start_saml_idp(
        service_providers=[
            {"entity_id": SAML_SP_ENTITY, "acs": SAML_ACS},
            {"entity_id": WRONG_SP, "acs": SAML_ACS},
        ]
    )


def _sign_in(client: DjangoClient, **idp_params):
    started = client.post(reverse("saml_login", args=[SAML_SLUG]), {"process": "login"})
    assert started.status_code == 302, started.content[:300]
    acs, fields = saml_idp_answer(started["Location"], **idp_params)
    assert acs == SAML_ACS
    posted = client.post(site_path(acs), fields)
    assert posted.status_code == 302
    return client.get(posted["Location"])


def test_a_signed_assertion_signs_the_member_in_with_their_organisation(idp):
    saml_app(idp)
    rule, organisation, group = organisation_sign_in(SAML_SLUG)
    client = Client()
    response = _sign_in(client, user="sofia.reyes@agency.example.org")
    assert response.status_code == 302
    user = User.objects.get(email="sofia.reyes@agency.example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SocialAccount.objects.get(user=user).provider == SAML_SLUG
    assert user.profile.organisation == organisation.name
    assert Membership.objects.filter(user=user, group=group).exists()


def test_an_assertion_for_another_audience_is_refused_and_nothing_is_created(idp):
    saml_app(idp)
    client = Client()
    response = _sign_in(client, user="intruder@agency.example.org", audience=WRONG_SP)
    assert response.status_code == 401
    assert "could not be trusted" in response.content.decode()
    assert not User.objects.filter(email="intruder@agency.example.org").exists()
    assert "_auth_user_id" not in client.session


def test_an_assertion_signed_by_another_key_is_refused(idp, start_saml_idp):
    other = start_saml_idp(service_providers=[{"entity_id": SAML_SP_ENTITY, "acs": SAML_ACS}])
    saml_app(
        idp,
        idp_settings={
            "entity_id": idp.entity_id,
            "sso_url": idp.sso_url,
            "x509cert": other.cert_pem,
        },
    )
    response = _sign_in(Client(), user="forged@agency.example.org")
    assert response.status_code == 401
    assert not User.objects.filter(email="forged@agency.example.org").exists()


def test_an_assertion_without_an_email_gets_a_page_that_says_so(idp):
    saml_app(idp)
    response = _sign_in(Client(), user="noemail-person")
    assert response.status_code == 401
    assert "did not tell us your email address" in response.content.decode()
    assert User.objects.count() == 0


def test_an_idp_configured_from_its_metadata_document_in_the_environment(idp, settings):
    metadata = requests.get(idp.metadata_url, timeout=10).text
    apps = sso.saml_apps(
        json.dumps(
            [
                {
                    "id": SAML_SLUG,
                    "name": "UN Agency",
                    "slug": SAML_SLUG,
                    "metadata_xml": metadata,
                    "sp": {"entity_id": SAML_SP_ENTITY},
                    "advanced": {"allow_single_label_domains": True},
                    "attribute_mapping": {
                        "uid": "urn:oid:0.9.2342.19200300.100.1.1",
                        "email": "urn:oid:0.9.2342.19200300.100.1.3",
                        "email_verified": "email_verified",
                    },
                }
            ]
        )
    )
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {"APPS": apps},
    }
    client = Client()
    assert "Sign in with UN Agency" in client.get(reverse("account_login")).content.decode()
    _sign_in(client, user="from.metadata@agency.example.org")
    user = User.objects.get(email="from.metadata@agency.example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_idp_configured_by_its_metadata_address(idp):
    saml_app(idp, idp_settings={"metadata_url": idp.metadata_url, "entity_id": idp.entity_id})
    client = Client()
    _sign_in(client, user="by.address@agency.example.org")
    assert User.objects.filter(email="by.address@agency.example.org").exists()


def test_an_idp_with_a_wrong_clock_gets_a_page_that_says_so(start_saml_idp):
    skewed = start_saml_idp(
        service_providers=[{"entity_id": SAML_SP_ENTITY, "acs": SAML_ACS}],
        clock_skew_seconds=3600,
    )
    saml_app(skewed)
    response = _sign_in(Client(), user="early@agency.example.org")
    assert response.status_code == 401
    assert "had the wrong time" in response.content.decode()
    assert not User.objects.filter(email="early@agency.example.org").exists()
