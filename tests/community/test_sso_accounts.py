"""Single sign-on rules that need no provider running: the domain rule, the sign-in
buttons, disconnecting, and secrets kept out of pages."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import reverse

from community.models import OrganisationSignIn, User
from tests.casestudies.factories import OrganisationFactory
from tests.community.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "never-shown-5e7a1d"


@pytest.fixture
def ministry():
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="ministry",
        name="Ministry ID",
        client_id="commons",
        secret=SECRET,
        settings={"server_url": "http://127.0.0.1:9/"},
    )
    app.sites.add(Site.objects.get_current())
    organisation = OrganisationFactory(name="Ministry of Labour", slug="ministry-of-labour")
    OrganisationSignIn.objects.create(
        provider_id="ministry", organisation=organisation, email_domains="labour.example.gov"
    )
    return app


def _connected_member(*, with_password: bool) -> User:
    user = UserFactory(email="amina@labour.example.gov")
    if not with_password:
        user.set_unusable_password()
        user.save()
    SocialAccount.objects.create(user=user, provider="ministry", uid="amina")
    return user


def test_login_page_shows_a_button_named_after_the_organisation(ministry):
    page = Client().get(reverse("account_login")).content.decode()
    assert "Or sign in with your organisation" in page
    assert "Sign in with Ministry of Labour" in page
    assert reverse("openid_connect_login", args=["ministry"]) in page


def test_a_provider_without_an_organisation_is_named_by_its_app(ministry):
    OrganisationSignIn.objects.all().delete()
    page = Client().get(reverse("account_login")).content.decode()
    assert "Sign in with Ministry ID" in page


def test_password_log_in_is_refused_for_a_domain_that_signs_in_with_its_organisation(ministry):
    user = UserFactory(email="official@labour.example.gov")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    page = response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "People at labour.example.gov sign in with Ministry of Labour" in page
    assert "Sign in with Ministry of Labour" in page


def test_other_domains_still_log_in_with_a_password(ministry):
    user = UserFactory(email="someone@example.org")
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_with_a_password_is_refused_for_that_domain(ministry):
    response = Client().post(
        reverse("account_signup"),
        {"email": "new@labour.example.gov", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "People at labour.example.gov sign in with Ministry of Labour" in (
        response.content.decode()
    )
    assert not User.objects.filter(email="new@labour.example.gov").exists()


def test_disconnecting_the_last_way_to_sign_in_is_refused(ministry):
    user = _connected_member(with_password=False)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    account = SocialAccount.objects.get(user=user)
    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert response.status_code == 200
    assert "This is your last way to sign in" in response.content.decode()
    assert SocialAccount.objects.filter(pk=account.pk).exists()


def test_a_member_with_a_password_can_disconnect_their_organisation(ministry):
    user = _connected_member(with_password=True)
    EmailAddress.objects.filter(user=user).update(verified=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    account = SocialAccount.objects.get(user=user)
    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert response.status_code == 302
    assert not SocialAccount.objects.filter(pk=account.pk).exists()


def test_the_account_page_links_to_the_ways_to_sign_in(ministry):
    user = _connected_member(with_password=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    profile = client.get(reverse("community:profile_edit")).content.decode()
    assert reverse("socialaccount_connections") in profile
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "Ways to sign in" in page
    assert "Disconnect" in page


def test_the_client_secret_is_never_sent_to_a_browser(ministry, admin_client):
    assert SECRET not in Client().get(reverse("account_login")).content.decode()
    change = reverse("admin:socialaccount_socialapp_change", args=[ministry.pk])
    assert SECRET not in admin_client.get(change).content.decode()


def test_saving_the_app_in_the_admin_without_retyping_the_secret_keeps_it(ministry, admin_client):
    change = reverse("admin:socialaccount_socialapp_change", args=[ministry.pk])
    response = admin_client.post(
        change,
        {
            "provider": "openid_connect",
            "provider_id": "ministry",
            "name": "Ministry ID (renamed)",
            "client_id": "commons",
            "secret": "",
            "key": "",
            "settings": '{"server_url": "http://127.0.0.1:9/"}',
            "sites": [Site.objects.get_current().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ministry.refresh_from_db()
    assert ministry.name == "Ministry ID (renamed)"
    assert ministry.secret == SECRET


def test_the_login_page_lets_its_sign_in_buttons_lead_to_the_provider(ministry):
    response = Client().get(reverse("account_login"))
    assert "form-action 'self' http://127.0.0.1:9;" in response["Content-Security-Policy"]


def test_other_pages_keep_form_action_to_the_site_alone(ministry):
    response = Client().get(reverse("community:member_directory"))
    assert "form-action 'self';" in response["Content-Security-Policy"]


def test_deleting_the_account_removes_its_organisation_connections(ministry):
    from community import services

    user = _connected_member(with_password=True)
    services.account_delete(user=user)
    assert not SocialAccount.objects.filter(user=user).exists()


def test_the_data_export_lists_the_organisations_a_member_signs_in_with(ministry):
    from community import services

    user = _connected_member(with_password=True)
    connections = services.account_export(user=user)["account"]["sign_in_connections"]
    assert [(c["provider"], c["uid"]) for c in connections] == [("ministry", "amina")]
