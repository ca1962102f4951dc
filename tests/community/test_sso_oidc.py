"""Signing in with an organisation's OpenID Connect provider, against a real OpenID
Provider (oidc-provider, on loopback): authorisation code flow with PKCE, the ID token's
signature and nonce checked, state checked, and the account rules of issue #21."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from community.models import Membership, User
from tests.community.factories import PASSWORD, UserFactory
from tests.community.sso_providers import provider_authorise, site_path, with_param
from tests.community.sso_world import OIDC_CALLBACK, OIDC_ID, oidc_app, organisation_sign_in

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("openid_connect_login", args=[OIDC_ID])


@pytest.fixture
def provider(start_oidc_provider):
    provider = start_oidc_provider(
        redirect_uris=[OIDC_CALLBACK], post_logout_redirect_uris=["http://testserver/"]
    )
    oidc_app(provider)
    return provider


def _start(client: Client) -> str:
    response = client.post(LOGIN_URL, {"process": "login"})
    assert response.status_code == 302
    return response["Location"]


def _sign_in(client: Client, login: str, **kwargs):
    back = provider_authorise(_start(client), login=login, **kwargs)
    return client.get(site_path(back))


def test_first_sign_in_creates_the_account_without_a_confirmation_email(provider, mailoutbox):
    rule, organisation, group = organisation_sign_in(OIDC_ID)
    client = Client()
    response = _sign_in(client, "amina.diallo@labour.example.gov")
    assert response.status_code == 302
    user = User.objects.get(email="amina.diallo@labour.example.gov")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified
    assert mailoutbox == []
    assert SocialAccount.objects.get(user=user).provider == OIDC_ID
    assert user.profile.organisation == organisation.name
    assert Membership.objects.filter(user=user, group=group).exists()


def test_the_authorisation_request_uses_pkce_and_a_nonce(provider):
    query = parse_qs(urlparse(_start(Client())).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["nonce"][0]) >= 32
    assert query["response_type"] == ["code"]


def test_a_tampered_state_is_refused_and_nothing_is_created(provider):
    client = Client()
    back = provider_authorise(_start(client), login="tampered@labour.example.gov")
    response = client.get(site_path(with_param(back, state="forged-state")))
    assert response.status_code == 401
    assert "could not be matched to your visit" in response.content.decode()
    assert not User.objects.filter(email="tampered@labour.example.gov").exists()
    assert "_auth_user_id" not in client.session


def test_an_id_token_for_another_sign_in_is_refused_by_its_nonce(provider):
    client = Client()
    back = provider_authorise(_start(client), login="replay@labour.example.gov")
    session = client.session
    states = session["socialaccount_states"]
    for state in states.values():
        state[0]["nonce"] = "nonce-of-another-sign-in"
    session["socialaccount_states"] = states
    session.save()
    response = client.get(site_path(back))
    assert response.status_code == 401
    assert "could not be trusted" in response.content.decode()
    assert not User.objects.filter(email="replay@labour.example.gov").exists()


def test_an_id_token_not_signed_with_the_providers_keys_is_refused(provider, start_oidc_provider):
    impostor = start_oidc_provider(redirect_uris=[OIDC_CALLBACK])
    app = provider_app()
    app.settings["openid_configuration_overrides"] = {
        "jwks_uri": f"{impostor.url}/jwks"  # keys of another provider
    }
    app.save()
    client = Client()
    response = _sign_in(client, "signature@labour.example.gov")
    assert response.status_code == 401
    assert "could not be trusted" in response.content.decode()
    assert not User.objects.filter(email="signature@labour.example.gov").exists()


def provider_app():
    from allauth.socialaccount.models import SocialApp

    return SocialApp.objects.get(provider_id=OIDC_ID)


def test_a_provider_with_a_wrong_clock_gets_a_page_that_says_so(start_oidc_provider):
    skewed = start_oidc_provider(redirect_uris=[OIDC_CALLBACK], clock_skew_seconds=3600)
    oidc_app(skewed)
    client = Client()
    response = _sign_in(client, "late@labour.example.gov")
    assert response.status_code == 401
    assert "had the wrong time" in response.content.decode()
    assert not User.objects.filter(email="late@labour.example.gov").exists()


def test_refusing_consent_says_the_sign_in_was_cancelled(provider):
    client = Client()
    back = provider_authorise(_start(client), login="refuser@labour.example.gov", consent=False)
    response = client.get(site_path(back), follow=True)
    assert "The sign-in was cancelled" in response.content.decode()
    assert "How to sign in instead" in response.content.decode()
    assert not User.objects.filter(email="refuser@labour.example.gov").exists()


def test_a_provider_that_sends_no_email_gets_a_page_that_says_so(provider):
    client = Client()
    response = _sign_in(client, "noemail-person")
    assert response.status_code == 401
    assert "did not tell us your email address" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 0


def test_a_provider_that_is_down_gets_a_page_that_says_so(provider):
    provider.process.terminate()
    provider.process.wait(timeout=10)
    response = Client().post(LOGIN_URL, {"process": "login"})
    assert response.status_code == 502
    assert "could not be reached" in response.content.decode()


def test_an_unverified_address_is_confirmed_by_email_before_the_account_is_used(
    provider, mailoutbox
):
    client = Client()
    _sign_in(client, "unverified.person@labour.example.gov")
    user = User.objects.get(email="unverified.person@labour.example.gov")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1


def test_an_existing_account_is_connected_only_after_its_password_sign_in(provider):
    owner = UserFactory(email="owner@labour.example.gov")
    client = Client()
    response = _sign_in(client, "owner@labour.example.gov")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in to it once with your password to connect" in page

    client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert SocialAccount.objects.get().user == owner

    again = Client()
    _sign_in(again, "owner@labour.example.gov")
    assert again.session["_auth_user_id"] == str(owner.pk)
    assert User.objects.filter(email="owner@labour.example.gov").count() == 1


def test_a_waiting_connection_is_not_given_to_someone_else_who_signs_in(provider):
    UserFactory(email="owner@labour.example.gov")
    someone_else = UserFactory(email="someone@example.org")
    client = Client()
    _sign_in(client, "owner@labour.example.gov")
    client.post(reverse("account_login"), {"login": someone_else.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(someone_else.pk)
    assert not SocialAccount.objects.exists()


def test_signing_out_ends_the_session_here_and_at_the_provider(provider):
    client = Client()
    _sign_in(client, "leaver@labour.example.gov")
    response = client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{provider.url}/session/end"
    )
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["client_id"] == [provider.client_id]
    assert query["id_token_hint"][0].count(".") == 2


def test_the_provider_accepts_our_sign_out_request(provider):
    import requests

    client = Client()
    _sign_in(client, "leaver2@labour.example.gov")
    response = client.post(reverse("account_logout"))
    confirm = requests.get(response["Location"], timeout=10)
    assert confirm.status_code == 200
    assert 'name="logout"' in confirm.text or "logout" in confirm.text.lower()


def test_the_login_page_shows_the_organisations_button_and_never_the_secret(provider):
    organisation_sign_in(OIDC_ID)
    page = Client().get(reverse("account_login")).content.decode()
    assert "Sign in with Ministry of Labour" in page
    assert provider.secret not in page


def test_a_provider_from_the_environment_signs_people_in(start_oidc_provider, settings):
    import json

    from config import sso

    provider = start_oidc_provider(redirect_uris=[OIDC_CALLBACK])
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": sso.oidc_apps(
                json.dumps(
                    [
                        {
                            "id": OIDC_ID,
                            "name": "Ministry ID",
                            "server_url": provider.url,
                            "client_id": provider.client_id,
                            "secret": provider.secret,
                        }
                    ]
                )
            ),
        },
    }
    client = Client()
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Ministry ID" in page
    assert provider.secret not in page
    _sign_in(client, "from.environment@labour.example.gov")
    user = User.objects.get(email="from.environment@labour.example.gov")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_neither_the_secret_nor_a_token_reaches_the_logs(provider, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    client = Client()
    back = provider_authorise(_start(client), login="quiet@labour.example.gov")
    client.get(site_path(back))
    code = parse_qs(urlparse(back).query)["code"][0]
    assert client.session["_auth_user_id"]
    assert provider.secret not in caplog.text
    assert code not in caplog.text
    assert "eyJ" not in caplog.text  # no JSON Web Token, ID or access


def test_a_member_connects_their_organisation_from_the_account_page(provider):
    rule, organisation, group = organisation_sign_in(OIDC_ID)
    member = UserFactory(email="member@example.org")
    client = Client()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "Connect Ministry of Labour" in page
    started = client.post(LOGIN_URL, {"process": "connect"})
    back = provider_authorise(started["Location"], login="m.member@labour.example.gov")
    client.get(site_path(back))
    assert SocialAccount.objects.get(provider=OIDC_ID).user == member
    member.profile.refresh_from_db()
    assert member.profile.organisation == organisation.name
    assert Membership.objects.filter(user=member, group=group).exists()


def test_every_page_lets_the_sign_out_form_lead_to_the_provider(provider):
    client = Client()
    _sign_in(client, "csp@labour.example.gov")
    policy = client.get(reverse("community:member_directory"))["Content-Security-Policy"]
    assert f"form-action 'self' {provider.url};" in policy
