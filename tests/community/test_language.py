"""The language menu (``/i18n/setlang/``, served by ``community.views.language``):
the choice goes in a cookie and, for a signed-in member, in their profile."""

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_a_language_is_remembered_in_a_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/case-studies/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/case-studies/"
    assert response.cookies["django_language"].value == "fr"
    # Back on an unprefixed page, the choice wins over the browser's header.
    response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/fr/case-studies/"


def test_choosing_a_language_is_saved_in_a_signed_in_members_profile(client, member):
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/case-studies/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/case-studies/"
    member.profile.refresh_from_db()
    assert member.profile.language == "es"
    # On another device (no cookie) the saved choice wins over the browser's header.
    client.cookies.clear()
    client.force_login(member)
    response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/es/case-studies/"


def test_unknown_language_in_the_menu_changes_nothing(client, member):
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": "zz", "next": "/case-studies/"})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.language == ""
