"""What readers see: the listing and its filters, case-study pages, testimonies, tours."""

from __future__ import annotations

import re

import pytest

from tests.casestudies.factories import (
    CaseStudyPageFactory,
    OrganisationFactory,
    SectorFactory,
    TestimonyFactory,
    ThemeFactory,
    VirtualTourPageFactory,
    country,
    image,
    indicator,
    tour_stop,
)

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


@pytest.fixture
def catalogue(index):
    remittances = ThemeFactory(name="Remittances", slug="remittances")
    labour = ThemeFactory(name="Labour migration", slug="labour-migration")
    finance = SectorFactory(name="Financial services", slug="financial-services")
    owwa = OrganisationFactory(name="Overseas Workers Welfare Administration", slug="owwa")
    return {
        "ph": CaseStudyPageFactory(
            title="Philippines orientation",
            countries=[country("PH")],
            themes=[labour],
            organisations=[owwa],
            period_start=1995,
            period_end=None,
        ),
        "bd": CaseStudyPageFactory(
            title="Bangladesh remittance incentive",
            countries=[country("BD")],
            themes=[remittances],
            sectors=[finance],
            period_start=2019,
            period_end=2022,
        ),
        "mx": CaseStudyPageFactory(
            title="Mexico 3x1",
            countries=[country("MX")],
            themes=[remittances],
            period_start=2002,
            period_end=2018,
        ),
    }


def test_listing_shows_every_public_case_study_with_a_count(client, catalogue):
    response = client.get("/case-studies/")
    assert response.status_code == 200
    assert set(_titles(response)) == {
        "Philippines orientation",
        "Bangladesh remittance incentive",
        "Mexico 3x1",
    }
    assert "3 case studies" in response.content.decode()


def test_listing_filters_by_country_code(client, catalogue):
    response = client.get("/case-studies/?country=PH")
    assert _titles(response) == ["Philippines orientation"]


def test_listing_filters_by_un_m49_region(client, catalogue):
    asia = country("PH").region
    response = client.get(f"/case-studies/?region={asia.code}")
    assert set(_titles(response)) == {"Philippines orientation", "Bangladesh remittance incentive"}


def test_listing_filters_combine(client, catalogue):
    asia = country("PH").region
    response = client.get(f"/case-studies/?region={asia.code}&theme=remittances")
    assert _titles(response) == ["Bangladesh remittance incentive"]


def test_listing_filters_by_sector_and_organisation(client, catalogue):
    assert _titles(client.get("/case-studies/?sector=financial-services")) == [
        "Bangladesh remittance incentive"
    ]
    assert _titles(client.get("/case-studies/?organisation=owwa")) == ["Philippines orientation"]


def test_listing_year_range_keeps_practices_active_in_those_years(client, catalogue):
    response = client.get("/case-studies/?year_from=2020&year_to=2024")
    assert set(_titles(response)) == {"Philippines orientation", "Bangladesh remittance incentive"}


def test_listing_facets_show_counts_that_apply_the_other_filters(client, catalogue):
    html = client.get("/case-studies/?theme=remittances").content.decode()
    assert '<option value="BD">Bangladesh (1)</option>' in html
    assert '<option value="MX">Mexico (1)</option>' in html
    assert 'value="PH"' not in html
    assert '<option value="remittances" selected>Remittances (2)</option>' in html
    assert '<option value="labour-migration">Labour migration (1)</option>' in html


def test_listing_active_filters_can_be_removed_one_by_one(client, catalogue):
    html = client.get("/case-studies/?theme=remittances&country=MX").content.decode()
    assert "Theme: Remittances" in html
    assert 'href="?country=MX"' in html


def test_listing_sorts_by_title(client, catalogue):
    response = client.get("/case-studies/?sort=title")
    assert _titles(response) == [
        "Bangladesh remittance incentive",
        "Mexico 3x1",
        "Philippines orientation",
    ]


def test_listing_sorts_newest_first_by_default(client, catalogue):
    assert _titles(client.get("/case-studies/"))[0] == "Mexico 3x1"


def test_listing_paginates_and_keeps_filters_in_page_links(client, index):
    theme = ThemeFactory(name="Diaspora", slug="diaspora")
    for n in range(14):
        CaseStudyPageFactory(title=f"Diaspora case {n:02d}", themes=[theme])
    first = client.get("/case-studies/?theme=diaspora&sort=title")
    assert len(_titles(first)) == 12
    assert 'href="?theme=diaspora&amp;sort=title&amp;page=2"' in first.content.decode()
    second = client.get("/case-studies/?theme=diaspora&sort=title&page=2")
    assert _titles(second) == ["Diaspora case 12", "Diaspora case 13"]


def test_listing_reports_bad_filter_values_with_400_and_a_message(client, catalogue):
    response = client.get("/case-studies/?country=ZZ&year_from=abc")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Enter a whole number" in html
    assert len(_titles(response)) == 3


def test_case_study_page_shows_indicators_as_a_table_and_chart(client, index):
    page = CaseStudyPageFactory(
        title="Remittance incentive",
        results=[
            indicator(
                "Remittances through formal channels",
                baseline=16.4,
                target=20,
                achieved=24.8,
                unit="USD billion",
                source="Bangladesh Bank",
                year=2021,
            ),
            indicator("Share of workers oriented", target=100, achieved=80, unit="%"),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<caption" in html
    assert '<th scope="row">Remittances through formal channels</th>' in html
    assert "24.8" in html
    assert "Bangladesh Bank" in html
    assert '<meter min="0" max="100" value="80"' in html
    assert "80% of target" in html
    assert html.count("<h1") == 1


def test_case_study_page_has_a_replicate_this_section_with_lineage(client, index):
    original = CaseStudyPageFactory(title="Pre-departure orientation", slug="pdos")
    adaptation = CaseStudyPageFactory(
        title="Ethiopia orientation",
        adapted_from=original,
        adaptation_note="Shorter modules for domestic workers.",
    )
    html = client.get(original.url).content.decode()
    assert "Replicate this" in html
    assert "Where it has been replicated" in html
    assert "Ethiopia orientation" in html
    adapted_html = client.get(adaptation.url).content.decode()
    assert "Adapted from" in adapted_html
    assert "Shorter modules for domestic workers." in adapted_html


def test_case_study_page_lists_its_public_testimonies_and_tours(client, index):
    page = CaseStudyPageFactory(title="Triple Win")
    TestimonyFactory(title="A nurse's story", case_study=page)
    TestimonyFactory(title="Draft story", case_study=page, publish=False)
    tour = VirtualTourPageFactory(title="Kerala to Germany", case_study=page)
    tour_stop(tour, title="Language school")
    html = client.get(page.url).content.decode()
    assert "A nurse&#x27;s story" in html
    assert "Kerala to Germany" in html
    assert "Virtual tour, 1 stop" in html
    assert "Draft story" not in html


def test_testimony_page_shows_the_quote_and_full_transcript(client, index):
    case = CaseStudyPageFactory(title="Seasonal work")
    page = TestimonyFactory(
        title="A team leader",
        quote="We came back with savings.",
        transcript="Every season I lead a team of twelve.",
        illustrative=True,
        media_kind="audio",
        media_url="https://media.example.org/leader.mp3",
        case_study=case,
    )
    html = client.get(page.url).content.decode()
    assert "We came back with savings." in html
    assert "Every season I lead a team of twelve." in html
    assert "composite testimony" in html
    assert '<audio controls preload="none" src="https://media.example.org/leader.mp3"' in html
    assert "Seasonal work" in html


def test_testimony_with_a_platform_video_links_it_without_fetching_an_embed(client, index):
    page = TestimonyFactory(media_kind="video", media_url="https://www.youtube.com/watch?v=abc123")
    html = client.get(page.url).content.decode()
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "<iframe" not in html


def test_tour_overview_lists_every_stop_and_starts_at_the_first(client, index):
    tour = VirtualTourPageFactory(title="Departure path", slug="departure-path")
    for n in range(1, 4):
        tour_stop(tour, title=f"Stop title {n}", sort_order=n)
    html = client.get("/case-studies/departure-path/").content.decode()
    assert html.count("Stop title") == 3
    assert 'href="/case-studies/departure-path/stops/1/"' in html
    assert "<svg" not in html  # no coordinates, no map


def test_tour_stop_has_previous_next_and_marks_the_current_step(client, index):
    tour = VirtualTourPageFactory(slug="departure-path")
    for n in range(1, 4):
        tour_stop(
            tour,
            title=f"Stop title {n}",
            sort_order=n,
            image=image(),
            image_alt=f"Illustration {n}",
            transcript=f"Narration {n}",
        )
    response = client.get("/case-studies/departure-path/stops/2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stop 2 of 3" in html
    assert "Narration 2" in html
    assert 'alt="Illustration 2"' in html
    assert 'href="/case-studies/departure-path/stops/1/" rel="prev"' in html
    assert 'href="/case-studies/departure-path/stops/3/" rel="next"' in html
    assert 'aria-current="step">Stop title 2<' in html
    assert client.get("/case-studies/departure-path/stops/4/").status_code == 404
    assert client.get("/case-studies/departure-path/stops/0/").status_code == 404


def test_tour_map_is_drawn_locally_only_when_stops_have_coordinates(client, index):
    tour = VirtualTourPageFactory(slug="mapped")
    tour_stop(tour, title="Office", sort_order=1, latitude=14.588, longitude=121.057)
    tour_stop(tour, title="Airport", sort_order=2, latitude=14.508, longitude=121.019)
    tour_stop(tour, title="Online", sort_order=3)
    html = client.get("/case-studies/mapped/stops/1/").content.decode()
    assert '<svg viewBox="0 0 100 60" role="group" aria-labelledby="map-title">' in html
    assert 'aria-label="Stop 2: Airport"' in html
    assert html.count("<circle") == 2
    assert "tile" not in html.lower()


def test_testimony_and_tour_listings(client, index):
    TestimonyFactory(title="Listed testimony")
    VirtualTourPageFactory(title="Listed tour")
    assert "Listed testimony" in client.get("/case-studies/testimonies/").content.decode()
    assert "Listed tour" in client.get("/case-studies/tours/").content.decode()
