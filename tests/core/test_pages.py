import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_home_page_has_landmarks_and_navigation(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    for label in ("Case studies", "Inventory", "Forums", "Groups", "Log in", "Sign up"):
        assert label in html


def test_home_page_shows_account_menu_when_signed_in(client, member):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "Mateo Member" in html
    assert "Log out" in html


def test_unknown_url_gets_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.urls("tests.core.urls_errors")
@override_settings(DEBUG=False)
def test_server_error_is_styled_and_leaks_nothing(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "secret-internal-detail" not in html
    assert "Traceback" not in html
