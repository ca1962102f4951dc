"""Results first on a phone (issue #15): on a 390-px screen, the case-study, inventory,
recommendation, member and search listings fold their filters behind a button, so the
results start in the first screenful; the button opens them. On a wide screen the
filters are shown beside the results, with no button."""

from __future__ import annotations

import re

import pytest

from casestudies.services import case_study_index_ensure
from tests.casestudies.factories import CaseStudyPageFactory
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory

PHONE = {"width": 390, "height": 844}
LISTINGS = ("/case-studies/", "/inventory/", "/recommendations/", "/search/?q=orientation")


@pytest.fixture
def listings():
    case_study_index_ensure()
    for n in range(3):
        CaseStudyPageFactory(title=f"Orientation practice {n}", slug=f"orientation-{n}")
        InventoryItemFactory(title=f"Orientation course {n}", external_id=f"orientation-{n}")
        RecommendationFactory(external_id=f"rec-orientation-{n}")


def _results(page):
    return page.locator(".layout-sidebar > :not(aside)").first


@pytest.mark.parametrize("path", LISTINGS)
def test_results_start_near_the_top_on_a_phone(browser, site_server, listings, path):
    page = browser.new_context(locale="en-GB", viewport=PHONE).new_page()
    page.goto(f"{site_server}{path}")

    results = _results(page)
    assert results.is_visible()
    # The results begin in the upper part of the first screen (below the title, the
    # introduction and the search box), with a whole first result in view.
    assert results.bounding_box()["y"] < PHONE["height"] * 0.6
    first = results.get_by_role("link").first
    box = first.bounding_box()
    assert box["y"] + box["height"] < PHONE["height"]
    filters = page.locator(".layout-sidebar > aside form").first
    assert not filters.is_visible()

    toggle = page.get_by_role("button", name=re.compile(r"^Show filters"))
    toggle.click()
    assert filters.is_visible()
    assert (
        page.get_by_role("button", name=re.compile(r"^Hide filters")).get_attribute("aria-expanded")
        == "true"
    )


def test_wide_screens_show_the_filters_beside_the_results(browser, site_server, listings):
    page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{site_server}/case-studies/")
    assert page.locator(".layout-sidebar > aside form").first.is_visible()
    assert page.get_by_role("button", name=re.compile(r"^(Show|Hide) filters")).count() == 0
