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


def test_a_visitor_switches_language_with_a_plain_link(client):
    page = client.get("/case-studies/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'href="/i18n/setlang/?language=fr&amp;next=%2Ffr%2Fcase-studies%2F"' in page

    response = client.get("/i18n/setlang/?language=fr&next=%2Ffr%2Fcase-studies%2F")
    assert response.status_code == 302
    assert response["Location"] == "/fr/case-studies/"
    assert response.cookies["django_language"].value == "fr"
    # Back to English by a link: the cookie, not the browser's header, decides.
    response = client.get("/i18n/setlang/?language=en&next=%2Fcase-studies%2F")
    assert response["Location"] == "/case-studies/"
    response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200


def test_a_language_link_never_leaves_the_site(client):
    response = client.get("/i18n/setlang/?language=fr&next=https%3A%2F%2Fevil.example%2F")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_members_language_menu_still_saves_their_choice_with_a_form(client, member):
    client.force_login(member)
    page = client.get("/case-studies/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert 'name="language" value="fr"' in page
    # A link (GET) changes only the cookie, never the profile.
    client.get("/i18n/setlang/?language=es&next=%2Fcase-studies%2F")
    member.profile.refresh_from_db()
    assert member.profile.language == ""
