"""What the pages take from the cache (``core.versioned``: the site's structure, privacy
restrictions, the taxonomy, each case study's editorial context, results frameworks)
follows every change an editor makes, without waiting for it to expire."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from outcomes.models import Indicator
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    TestimonyFactory,
    ThemeFactory,
    VirtualTourPageFactory,
    tour_stop,
)
from tests.outcomes.factories import framework_for

pytestmark = pytest.mark.django_db


def test_case_study_page_shows_a_testimony_published_after_it_was_read(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    assert "A nurse&#x27;s story" not in client.get(page.url).content.decode()

    TestimonyFactory(title="A nurse's story", case_study=page)

    assert "A nurse&#x27;s story" in client.get(page.url).content.decode()


def test_case_study_page_counts_a_tour_stop_added_after_it_was_read(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    tour = VirtualTourPageFactory(title="Kerala to Germany", case_study=page)
    tour_stop(tour, title="Language school")
    assert "Virtual tour, 1 stop" in client.get(page.url).content.decode()

    tour_stop(tour, title="Airport")

    assert "Virtual tour, 2 stops" in client.get(page.url).content.decode()


def test_case_study_page_made_private_after_it_was_read_asks_visitors_to_log_in(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    assert client.get(page.url).status_code == 200

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = client.get(page.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_case_study_page_unpublished_after_it_was_read_is_gone(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    assert client.get(page.url).status_code == 200

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_new_case_study_is_routed_to_after_its_siblings_were_read(client, index):
    first = CaseStudyPageFactory(title="First")
    assert client.get(first.url).status_code == 200

    second = CaseStudyPageFactory(title="Second")

    assert client.get(second.url).status_code == 200


def test_listing_and_page_show_a_theme_renamed_after_they_were_read(client, index):
    theme = ThemeFactory(name="Remittances", slug="remittances")
    page = CaseStudyPageFactory(title="Mexico 3x1", themes=[theme])
    assert "Remittances" in client.get("/case-studies/").content.decode()
    assert "Remittances" in client.get(page.url).content.decode()

    theme.name = "Remittances and savings"
    theme.save()

    assert "Remittances and savings" in client.get("/case-studies/").content.decode()
    assert "Remittances and savings" in client.get(page.url).content.decode()


def test_case_study_page_shows_a_framework_indicator_edited_after_it_was_read(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    framework_for(page)
    assert "Action plans drafted" in client.get(page.url).content.decode()

    indicator = Indicator.objects.get(name="Action plans drafted")
    indicator.name = "Action plans carried out"
    indicator.save()

    html = client.get(page.url).content.decode()
    assert "Action plans carried out" in html
    assert "Action plans drafted" not in html
