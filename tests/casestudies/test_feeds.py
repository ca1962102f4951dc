"""RSS/Atom feeds of new case studies and the sitemap."""

from __future__ import annotations

import pytest

from tests.casestudies.factories import (
    CaseStudyPageFactory,
    TestimonyFactory,
    ThemeFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(index):
    remittances = ThemeFactory(name="Remittances", slug="remittances")
    return (
        CaseStudyPageFactory(title="Mexico 3x1", countries=[country("MX")], themes=[remittances]),
        CaseStudyPageFactory(title="Philippines orientation", countries=[country("PH")]),
    )


def test_rss_feed_lists_new_case_studies(client, cases):
    response = client.get("/case-studies/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Mexico 3x1</title>" in body
    assert "<title>Philippines orientation</title>" in body
    assert "http://testserver/case-studies/" in body


def test_atom_feed_filters_by_theme(client, cases):
    response = client.get("/case-studies/feed/atom/?theme=remittances")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Mexico 3x1" in body
    assert "Philippines orientation" not in body


def test_rss_feed_filters_by_country_code_in_any_case(client, cases):
    body = client.get("/case-studies/feed/rss/?country=ph").content.decode()
    assert "Philippines orientation" in body
    assert "Mexico 3x1" not in body


def test_feed_with_unknown_filter_is_not_found(client, cases):
    assert client.get("/case-studies/feed/rss/?theme=no-such-theme").status_code == 404


def test_listing_advertises_its_feeds(client, cases):
    html = client.get("/case-studies/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_sitemap_lists_public_pages(client, cases):
    TestimonyFactory(title="A testimony", slug="a-testimony")
    TestimonyFactory(title="Draft", slug="draft-testimony", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>http://testserver/case-studies/</loc>" in body
    assert f"/case-studies/{cases[0].slug}/</loc>" in body
    assert "/case-studies/a-testimony/</loc>" in body
    assert "draft-testimony" not in body


# Addresses: feeds and the sitemap link to the site's public address (SITE_URL) ------


def test_feed_links_are_on_the_configured_public_address(client, cases, public_site):
    body = client.get("/case-studies/feed/rss/", HTTP_HOST="localhost").content.decode()
    assert f"<link>{public_site}/case-studies/</link>" in body
    assert f"<link>{public_site}/case-studies/{cases[0].slug}/</link>" in body
    assert "http://localhost" not in body


def test_sitemap_locations_are_on_the_configured_public_address(client, cases, public_site):
    body = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert f"<loc>{public_site}/case-studies/{cases[0].slug}/</loc>" in body
    assert "http://localhost" not in body
