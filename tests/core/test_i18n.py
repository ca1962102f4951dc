import pytest

pytestmark = pytest.mark.django_db


def test_english_pages_have_no_prefix_and_french_ones_do(client):
    assert client.get("/").status_code == 200
    response = client.get("/fr/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_first_visit_follows_accept_language(client):
    response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/es/case-studies/"


def test_unknown_accept_language_falls_back_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="xx-YY, tlh;q=0.8")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_malformed_accept_language_is_not_an_error(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=";;;q=abc,,\x00")
    assert response.status_code == 200


def test_unknown_language_cookie_falls_back_to_english(client):
    client.cookies["django_language"] = "zz"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_prefix_is_a_404_not_an_error(client):
    assert client.get("/zz/case-studies/").status_code == 404


def test_pages_list_their_language_alternates(client):
    html = client.get("/").content.decode()
    assert 'hreflang="fr" href="http://testserver/fr/"' in html
    assert 'hreflang="es" href="http://testserver/es/"' in html
    assert 'hreflang="fr" lang="fr">français</a>' in html


def test_profile_form_shows_the_interface_language(client, member):
    client.force_login(member)
    response = client.get("/profile/")
    assert response.status_code == 200
    assert 'name="language"' in response.content.decode()


def test_unknown_language_prefix_shows_the_not_found_page_in_english(client):
    response = client.get("/xx/forums/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


def test_hostile_language_cookie_is_ignored_without_error(client):
    client.cookies["django_language"] = "../../fr<script>" + "x" * 500
    response = client.get("/case-studies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<script>" + "x" not in html


def test_wildcard_and_oversized_accept_language_fall_back_to_english(client):
    for header in ("*", "xx;q=1.0, " * 400):
        response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
