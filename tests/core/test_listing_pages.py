"""The three faceted listings as readers see them — the inventory, the case studies and
search — built on ``core.listings``: each chosen filter is a chip whose link removes just
that value (and the page number), and a bad filter is named next to its field."""

from __future__ import annotations

import pytest

from tests.casestudies.conftest import index  # noqa: F401 - a fixture
from tests.casestudies.factories import CaseStudyPageFactory, country
from tests.casestudies.factories import ThemeFactory as CaseStudyThemeFactory
from tests.inventory.factories import InventoryItemFactory, ThemeFactory
from tests.search.conftest import db_backend  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def test_inventory_chip_removes_one_value_and_the_page_number(client):
    remittances = ThemeFactory(name="Remittances", slug="remittances")
    InventoryItemFactory(kind="course", themes=[remittances], target_countries=[country("PH")])
    html = client.get(
        "/inventory/?kind=course&kind=tool&theme=remittances&country=PH&page=1&sort=title"
    ).content.decode()
    assert (
        '<span class="tag">Kind: Course</span> <a href="?kind=tool&amp;theme=remittances'
        '&amp;country=PH&amp;sort=title" aria-label="Remove filter Kind: Course">' in html
    )
    assert (
        '<span class="tag">Country: Philippines</span> <a href="?kind=course&amp;kind=tool' in html
    )
    assert '<span class="tag">Theme: Remittances</span>' in html
    assert "Sort" not in html.split('class="active-filters"')[1].split("</div>")[0]


def test_inventory_bad_filter_is_named_with_its_label_and_no_chips_are_shown(client):
    response = client.get("/inventory/?country=XX&kind=course")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<li><a href="#id_country">Country</a>: Unknown country code “XX”' in html
    assert 'class="active-filters"' not in html


def test_recommendation_chip_shows_the_meeting_label(client):
    from tests.inventory.factories import RecommendationFactory

    recommendation = RecommendationFactory()
    meeting = recommendation.meeting
    html = client.get(f"/recommendations/?meeting={meeting.year}&page=2").content.decode()
    assert f'href="?" aria-label="Remove filter GFMD meeting: {meeting}"' in html


@pytest.fixture
def case_studies(index):  # noqa: F811
    remittances = CaseStudyThemeFactory(name="Remittances", slug="remittances")
    CaseStudyPageFactory(
        title="Mexico 3x1", countries=[country("MX")], themes=[remittances], period_start=2021
    )


def test_case_study_chip_keeps_only_the_other_valid_filters(client, case_studies):
    html = client.get(
        "/case-studies/?theme=remittances&country=MX&year_from=2020&year_to=abc&page=2&utm=x"
    ).content.decode()
    assert (
        '<span class="tag">Theme: Remittances</span> <a href="?country=MX&amp;year_from=2020">'
        in html
    )
    assert (
        '<span class="tag">From year: 2020</span> <a href="?country=MX&amp;theme=remittances">'
        in html
    )
    assert "To year: abc" not in html


def test_case_study_bad_filter_is_shown_beside_its_field(client, case_studies):
    response = client.get("/case-studies/?country=XX")
    assert response.status_code == 400
    assert 'id="country-errors" class="errorlist">' in response.content.decode()


def test_search_chip_removes_one_value_and_the_page_number(db_backend, client):  # noqa: F811
    InventoryItemFactory(title="Return handbook", target_countries=[country("SN")])
    InventoryItemFactory(title="Remittance calculator", target_countries=[country("PH")])
    html = client.get("/search/?q=&country=SN&country=PH&page=1").content.decode()
    assert '<a href="?q=&amp;country=PH">Remove filter Country: Senegal</a>' in html
    assert '<a href="?q=&amp;country=SN">Remove filter Country: Philippines</a>' in html
