"""A reader narrows the case studies with the filter form, searches from the header,
follows a related item, and, once signed in, comments on a case study.

The site searches Elasticsearch when ``ELASTICSEARCH_URL`` is set (as in the test
services); the journey gets index names of its own so that it never meets documents
left by other tests.
"""

import uuid

import pytest

from casestudies.services import case_study_index_ensure
from search import backends
from tests.casestudies.factories import CaseStudyPageFactory, ThemeFactory, country
from tests.community.factories import PASSWORD, UserFactory
from tests.inventory.factories import InventoryItemFactory

TITLE = "Remittance matching for hometown schools"


@pytest.fixture
def own_search_indexes(monkeypatch, settings, elasticsearch_url):
    """This test's indexes, for the site server (read from the environment when it
    starts) and for this process, which indexes what the factories publish."""
    prefix = f"test_e2e_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("ELASTICSEARCH_URL", elasticsearch_url)
    monkeypatch.setenv("SEARCH_INDEX_PREFIX", prefix)
    # Eight test runs share the node: allow it time rather than fall back mid-journey.
    monkeypatch.setenv("ELASTICSEARCH_TIMEOUT", "10")
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "INDEX_PREFIX": prefix,
        "REFRESH_ON_WRITE": True,
        "TIMEOUT": 10.0,
    }
    backends.get_client.cache_clear()
    backends.circuit.reset()
    client = backends.get_client()
    yield
    names = list(client.indices.get(index=f"{prefix}*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    backends.get_client.cache_clear()
    backends.circuit.reset()


def _published_world():
    case_study_index_ensure()
    remittances = ThemeFactory(name="Remittances", slug="remittances")
    diaspora = ThemeFactory(name="Diaspora engagement", slug="diaspora-engagement")
    philippines, ghana, mexico = country("PH"), country("GH"), country("MX")
    course = InventoryItemFactory(
        title="Financial literacy for migrant families",
        external_id="financial-literacy",
    )
    page = CaseStudyPageFactory(
        title=TITLE,
        slug="remittance-matching",
        summary="Hometown associations pooled remittances; the province matched each peso.",
        countries=[philippines],
        themes=[remittances],
    )
    page.inventory_items.set([course])
    page.save_revision().publish()
    CaseStudyPageFactory(
        title="Cutting remittance fees with mobile money",
        countries=[ghana],
        themes=[remittances],
    )
    CaseStudyPageFactory(
        title="Diaspora mentors for young entrepreneurs",
        countries=[mexico],
        themes=[diaspora],
    )
    CaseStudyPageFactory(
        title="Pre-departure orientation for domestic workers",
        countries=[philippines],
        themes=[diaspora],
    )


def test_reader_filters_searches_follows_related_and_comments(
    own_search_indexes, page, site_server
):
    _published_world()

    # The listing narrows with each filter, and says how many remain.
    page.goto(f"{site_server}/case-studies/")
    results = page.get_by_role("heading", name="4 case studies")
    results.wait_for()
    page.get_by_label("Theme", exact=True).select_option(label="Remittances (2)")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("heading", name="2 case studies").wait_for()
    assert page.get_by_role("link", name="Diaspora mentors for young entrepreneurs").count() == 0
    page.get_by_label("Country", exact=True).select_option(label="Philippines (1)")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("heading", name="1 case study").wait_for()
    chips = page.get_by_role("list", name="Active filters")
    assert "Theme: Remittances" in chips.inner_text()
    assert "Country: Philippines" in chips.inner_text()
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert page.get_by_role("link", name="Cutting remittance fees with mobile money").count() == 0

    # One search box in the header covers the whole site.
    search = page.get_by_role("combobox", name="Search Practice Commons")
    search.fill("hometown schools")
    search.press("Enter")
    page.wait_for_url(f"{site_server}/search/?q=hometown+schools")
    page.locator(".search-results").get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()

    # The editors' related training leads to its inventory entry.
    related = page.locator("section.related")
    editors_pick = related.get_by_role("listitem").filter(
        has_text="Financial literacy for migrant families"
    )
    assert "Chosen by the editors" in editors_pick.inner_text()
    similar = related.get_by_role("listitem").filter(
        has_text="Cutting remittance fees with mobile money"
    )
    assert "Shared theme: Remittances" in similar.inner_text()
    related.get_by_role("link", name="Financial literacy for migrant families").click()
    page.get_by_role("heading", level=1, name="Financial literacy for migrant families").wait_for()
    page.go_back()

    # Commenting needs an account: sign in, come back to the comments, post in Markdown.
    reader = UserFactory(profile__display_name="Rosa Reader")
    page.get_by_role("link", name="Sign in to comment").click()
    page.get_by_label("Email").fill(reader.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#main").get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    page.get_by_label("Your comment").fill(
        "We tried this in **Iloilo**: start with *two* associations."
    )
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("Your comment is posted.").wait_for()
    comment = page.locator(".comment").filter(has_text="Rosa Reader")
    comment.wait_for()
    assert comment.locator("strong").inner_text() == "Iloilo"
    assert comment.locator("em").inner_text() == "two"
    assert "**" not in comment.inner_text()
