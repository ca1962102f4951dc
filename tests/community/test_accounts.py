"""Account journeys through django-allauth, as a visitor does them in the browser."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from community.models import User
from tests.community.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Remittances-Corridor-2026"


def _link_in(mail_body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", mail_body)
    assert match, mail_body
    return match.group(1)


def test_signup_sends_confirmation_and_confirming_logs_in(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Nadia@Example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "display_name": "Nadia",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert user.profile.display_name == "Nadia"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1

    confirm_url = _link_in(mailoutbox[0].body)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/").context["user"] == user


def test_signup_mail_names_and_links_the_configured_site(client, mailoutbox, public_site):
    client.post(
        reverse("account_signup"),
        {"email": "nadia@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        HTTP_HOST="localhost",
    )
    message = mailoutbox[0]
    assert "example.com" not in message.subject + message.body
    assert "Practice Commons" in message.subject
    assert "commons.example.org" in message.body
    assert re.search(rf"{re.escape(public_site)}/\S+", message.body)
    assert "http://localhost" not in message.body


def test_unverified_member_cannot_log_in_until_confirmed(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "kofi@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "kofi@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_login_and_logout(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == member
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_login_with_wrong_password_shows_error(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_journey(client, member, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    key_url = _link_in(mailoutbox[0].body)
    response = client.get(key_url)
    assert response.status_code == 302  # allauth moves the key out of the URL
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_signup_with_taken_email_is_refused(client, member, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {"email": member.email.upper(), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    # With enumeration prevention allauth answers as if it worked, and tells the owner.
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert response.status_code == 302
    assert "already" in mailoutbox[0].body.lower()


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-email", NEW_PASSWORD, "Enter a valid email address."),
        ("weak@example.org", "password", "This password is too short"),
        ("numeric@example.org", "4839201748", "This password is entirely numeric."),
    ],
)
def test_signup_with_bad_input_shows_field_errors(client, email, password, message):
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_forged_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("account_signup"))
    response = client.post(
        reverse("account_signup"),
        {
            "email": "forger@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "csrfmiddlewaretoken": "forged" * 8,
        },
    )
    assert response.status_code == 403
    assert not User.objects.exists()


def test_staff_can_turn_on_totp_two_factor(client, staff):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    client.force_login(staff)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302  # a sensitive change asks for the password again
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    counter = next(iter(yield_hotp_counters_from_time()))
    code = format_hotp_value(hotp_value(secret, counter))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
