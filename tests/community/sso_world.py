"""Providers wired to the site as staff would wire them: a ``SocialApp`` row (the Django
admin) and an ``OrganisationSignIn`` tying it to an organisation and its groups."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from django.contrib.sites.models import Site

from community.models import OrganisationSignIn
from tests.casestudies.factories import OrganisationFactory
from tests.community.factories import GroupFactory

OIDC_ID = "ministry"
OIDC_CALLBACK = f"http://testserver/accounts/oidc/{OIDC_ID}/login/callback/"
SAML_SLUG = "unagency"
SAML_ACS = f"http://testserver/accounts/saml/{SAML_SLUG}/acs/"
SAML_SP_ENTITY = "https://practice-commons.test/saml/sp"


def oidc_app(provider, *, provider_id: str = OIDC_ID, name: str = "Ministry ID") -> SocialApp:
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=provider_id,
        name=name,
        client_id=provider.client_id,
        secret=provider.secret,
        settings={"server_url": provider.url},
    )
    app.sites.add(Site.objects.get_current())
    return app


def saml_app(idp, *, idp_settings: dict | None = None) -> SocialApp:
    app = SocialApp.objects.create(
        provider="saml",
        provider_id=SAML_SLUG,
        name="UN Agency",
        client_id=SAML_SLUG,
        settings={
            "idp": idp_settings
            or {"entity_id": idp.entity_id, "sso_url": idp.sso_url, "x509cert": idp.cert_pem},
            "sp": {"entity_id": SAML_SP_ENTITY},
            # The test client's host, "testserver", has no dot.
            "advanced": {"allow_single_label_domains": True},
            "attribute_mapping": {
                "uid": ["uid", "urn:oid:0.9.2342.19200300.100.1.1"],
                "email": ["mail", "urn:oid:0.9.2342.19200300.100.1.3"],
                "email_verified": ["email_verified"],
                "first_name": ["givenName", "urn:oid:2.5.4.42"],
            },
        },
    )
    app.sites.add(Site.objects.get_current())
    return app


def organisation_sign_in(provider_id: str, *, domains: str = "", **group_kwargs):
    organisation = OrganisationFactory(name="Ministry of Labour", slug="ministry-of-labour")
    group = GroupFactory(name="Labour migration focal points", **group_kwargs)
    rule = OrganisationSignIn.objects.create(
        provider_id=provider_id, organisation=organisation, email_domains=domains
    )
    rule.groups.add(group)
    return rule, organisation, group
