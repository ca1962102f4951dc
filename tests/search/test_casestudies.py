"""Case studies, testimonies and virtual tours in search and in *Related* (issue #7):
indexed while public, gone when unpublished or deleted, and related to inventory items,
recommendations and one another — on the real node, and by shared taxonomy without it."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from search.backends import get_search_backend
from search.results import SearchParams
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    TestimonyFactory,
    VirtualTourPageFactory,
    tour_stop,
)

from .factories import (
    country,
    remittances_neighbourhood,
)

pytestmark = pytest.mark.django_db


def _search(q: str = "", **filters):
    return get_search_backend().search(SearchParams(q=q, filters=filters), viewer=None)


def _titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def _section(related, type_name):
    return next(s for s in related.sections if s.type == type_name)


def _related_html(html: str) -> str:
    """The rendered *Related* block (its nested sections included)."""
    start = html.index('<section class="related"')
    depth, position = 0, start
    for match in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = start + match.end()
            break
    return html[start:position]


@pytest.fixture
def remittance_case(django_capture_on_commit_callbacks):
    """A case study about remittances in the Philippines, with remittance-related and
    unrelated inventory items, recommendations and case studies around it."""
    with django_capture_on_commit_callbacks(execute=True):
        around = remittances_neighbourhood()
        remittances, climate = around["remittances"], around["climate"]
        similar_case = CaseStudyPageFactory(
            title="Hometown associations pooling remittances in Viet Nam",
            summary="Diaspora remittances pooled for village schools.",
            themes=[remittances],
            countries=[country("VN")],
        )
        unrelated_case = CaseStudyPageFactory(
            title="Drought-proof herding routes in Peru",
            summary="Pastoralists agree new seasonal routes.",
            challenge="<p>Glaciers retreat.</p>",
            approach="<p>Community mapping.</p>",
            conditions_for_transfer="<p>Needs grazing commons.</p>",
            themes=[climate],
            countries=[country("PE")],
        )
        case = CaseStudyPageFactory(
            title="Remittance savings for overseas Filipino workers",
            summary="Channelling remittances from overseas Filipino workers into savings.",
            challenge="<p>Families spent <b>remittances</b> as they arrived.</p>",
            approach="<p>A savings product sold at the remittance counter.</p>",
            themes=[remittances],
            countries=[country("PH")],
            period_start=2016,
        )
    return {
        "case": case,
        "related_item": around["related_item"],
        "unrelated_item": around["unrelated_item"],
        "remittance_rec": around["remittance_rec"],
        "unrelated_rec": around["unrelated_rec"],
        "similar_case": similar_case,
        "unrelated_case": unrelated_case,
    }


def _assert_remittances_first(data, related):
    items = [item.id for item in _section(related, "inventoryitem").items]
    assert items[0] == data["related_item"].pk
    if data["unrelated_item"].pk in items:
        assert items.index(data["unrelated_item"].pk) > 0
    recommendations = [item.id for item in _section(related, "recommendation").items]
    assert recommendations[0] == data["remittance_rec"].pk
    if data["unrelated_rec"].pk in recommendations:
        assert recommendations.index(data["unrelated_rec"].pk) > 0
    cases = [item.id for item in _section(related, "casestudy").items]
    assert data["case"].pk not in cases
    assert cases[0] == data["similar_case"].pk
    if data["unrelated_case"].pk in cases:
        assert cases.index(data["unrelated_case"].pk) > 0
    first = _section(related, "inventoryitem").items[0]
    assert "Shared theme: Remittances" in first.reasons
    assert "Same country: Philippines" in first.reasons


@pytest.mark.search
def test_case_study_about_remittances_in_the_philippines_relates_to_remittance_items_first(
    es, remittance_case
):
    related = get_search_backend().related(remittance_case["case"], viewer=None)

    assert related.backend == "elasticsearch"
    assert [s.type for s in related.sections] == ["inventoryitem", "recommendation", "casestudy"]
    _assert_remittances_first(remittance_case, related)


def test_database_fallback_relates_case_studies_by_shared_taxonomy(db_backend, remittance_case):
    related = get_search_backend().related(remittance_case["case"], viewer=None)

    assert related.backend == "database"
    _assert_remittances_first(remittance_case, related)
    similar = _section(related, "casestudy").items[0]
    assert similar.title == "Hometown associations pooling remittances in Viet Nam"
    assert similar.reasons[0] == "Shared theme: Remittances"
    assert "Same region: South-eastern Asia" in similar.reasons


@pytest.mark.search
def test_case_study_is_found_with_its_facets_and_plain_text_body(es, remittance_case):
    results = _search("savings counter")

    assert _titles(results) == ["Remittance savings for overseas Filipino workers"]
    hit = results.hits[0]
    assert hit.type_label == "Case study"
    assert hit.url == remittance_case["case"].url
    assert "<b>" not in hit.snippet_html
    assert "2016" in hit.meta
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in results.facets}
    assert facets["type"] == {"casestudy": 1}
    assert facets["country"] == {"PH": 1}
    assert facets["year"] == {"2016": 1}
    assert "142" in facets["region"]  # Asia, through the Philippines' M49 regions
    assert _titles(_search("remittances", type=["casestudy"], country=["PH"])) == [
        "Remittance savings for overseas Filipino workers"
    ]


@pytest.mark.search
def test_publishing_a_case_study_makes_it_searchable(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyPageFactory(title="Skills passports for returnees", publish=False)
    assert _search("passports").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert _titles(_search("passports")) == ["Skills passports for returnees"]


@pytest.mark.search
def test_unpublishing_a_case_study_removes_it_from_search(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyPageFactory(title="Skills passports for returnees")
    assert _search("passports").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert _search("passports").total == 0


@pytest.mark.search
def test_deleting_a_case_study_removes_it_from_search(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyPageFactory(title="Skills passports for returnees")
    assert _search("passports").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert _search("passports").total == 0


@pytest.mark.search
def test_locking_a_case_study_takes_it_out_of_search(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = CaseStudyPageFactory(title="Skills passports for returnees")

    with django_capture_on_commit_callbacks(execute=True):
        page.locked = True
        page.save(update_fields=["locked"])

    assert _search("passports").total == 0


@pytest.mark.search
def test_testimony_is_searchable_by_its_transcript_and_its_case_studys_country(
    es, remittance_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TestimonyFactory(
            title="A seafarer's savings",
            quote="I saved for the first time.",
            transcript="The counter clerk explained the savings account in Tagalog.",
            speaker_role="Seafarer",
            case_study=remittance_case["case"],
        )

    results = _search("clerk", country=["PH"])
    assert _titles(results) == ["A seafarer's savings"]
    assert results.hits[0].type_label == "Testimony"
    assert "Seafarer" in results.hits[0].meta


@pytest.mark.search
def test_tour_is_searchable_by_its_stops(es, remittance_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tour = VirtualTourPageFactory(title="A day at the remittance counter")
        tour_stop(tour, title="The queue", transcript="Workers queue at the jeepney terminal.")
        tour.case_study = remittance_case["case"]
        tour.save_revision().publish()

    results = _search("jeepney", type=["tour"])
    assert _titles(results) == ["A day at the remittance counter"]
    assert results.hits[0].type_label == "Virtual tour"
    assert "1 stop" in results.hits[0].meta


@pytest.mark.search
def test_tour_meta_is_in_the_readers_language(
    es, remittance_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tour = VirtualTourPageFactory(title="A day at the remittance counter")
        tour_stop(tour, title="The queue", transcript="Workers queue at the jeepney terminal.")
        tour.save_revision().publish()

    with translation.override("fr"):
        french = _search("jeepney", type=["tour"]).hits[0].meta
    with translation.override("es"):
        spanish = _search("jeepney", type=["tour"]).hits[0].meta

    assert french.startswith("Visite virtuelle · 1 étape")
    assert "1 stop" not in spanish
    assert not spanish.startswith("Virtual tour")


@pytest.mark.search
def test_testimony_follows_its_case_study_out_of_the_country_facet_when_it_is_unpublished(
    es, remittance_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TestimonyFactory(
            title="A seafarer's savings",
            transcript="The counter clerk explained the savings account.",
            case_study=remittance_case["case"],
        )
    assert _search("clerk", country=["PH"]).total == 1

    with django_capture_on_commit_callbacks(execute=True):
        remittance_case["case"].unpublish()

    assert _search("clerk", country=["PH"]).total == 0
    assert _titles(_search("clerk")) == ["A seafarer's savings"]


@pytest.mark.search
def test_case_study_page_shows_related_with_editor_choices_first(
    es, remittance_case, client, django_capture_on_commit_callbacks
):
    data = remittance_case
    with django_capture_on_commit_callbacks(execute=True):
        data["case"].inventory_items.add(data["unrelated_item"])
        data["case"].recommendations.add(data["unrelated_rec"])
        data["case"].save_revision().publish()

    response = client.get(data["case"].url)
    html = _related_html(response.content.decode())

    assert response.status_code == 200
    assert html.count("Glacier retreat and pastoral mobility") == 1
    assert html.index("Glacier retreat and pastoral mobility") < html.index(
        "Remittance-linked microfinance in Manila"
    )
    assert html.index("Plan for climate displacement") < html.index("Lower the cost of remittances")
    assert "Chosen by the editors" in html
    assert "Hometown associations pooling remittances in Viet Nam" in html
    assert response.content.decode().count("Glacier retreat and pastoral mobility") == 1


@pytest.mark.search
def test_inventory_item_page_shows_related_with_editor_choices_first(
    es, remittance_case, client, django_capture_on_commit_callbacks
):
    data = remittance_case
    with django_capture_on_commit_callbacks(execute=True):
        data["unrelated_case"].inventory_items.add(data["related_item"])
        data["unrelated_case"].save_revision().publish()

    response = client.get(data["related_item"].get_absolute_url())
    html = _related_html(response.content.decode())

    assert response.status_code == 200
    cases = html[html.index('id="related-casestudy"') :]
    assert cases.index("Drought-proof herding routes in Peru") < cases.index(
        "Remittance savings for overseas Filipino workers"
    )
    assert "Lower the cost of remittances" in html
    assert response.content.decode().count("Drought-proof herding routes in Peru") == 1


@pytest.mark.search
def test_recommendation_page_shows_related_with_editor_choices_first(
    es, remittance_case, client, django_capture_on_commit_callbacks
):
    data = remittance_case
    with django_capture_on_commit_callbacks(execute=True):
        data["remittance_rec"].inventory_items.add(data["unrelated_item"])
        data["remittance_rec"].save()
        data["case"].recommendations.add(data["remittance_rec"])
        data["case"].save_revision().publish()

    response = client.get(data["remittance_rec"].get_absolute_url())
    html = _related_html(response.content.decode())

    assert response.status_code == 200
    items = html[html.index('id="related-inventoryitem"') :]
    assert items.index("Glacier retreat and pastoral mobility") < items.index(
        "Remittance-linked microfinance in Manila"
    )
    cases = html[html.index('id="related-casestudy"') :]
    assert cases.index("Remittance savings for overseas Filipino workers") < cases.index(
        "Hometown associations pooling remittances in Viet Nam"
    )


@pytest.mark.search
def test_related_never_links_a_draft_case_study_chosen_by_the_editors(
    es, remittance_case, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = CaseStudyPageFactory(title="An unpublished draft", publish=False)
        draft.inventory_items.add(remittance_case["related_item"])
        draft.save()

    html = client.get(remittance_case["related_item"].get_absolute_url()).content.decode()

    assert "An unpublished draft" not in html


@pytest.mark.search
def test_search_page_shows_case_study_cards(es, remittance_case, client):
    response = client.get("/search/", {"q": "remittances", "type": "casestudy"})
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="{remittance_case["case"].url}"' in html
    assert "Case study" in html
    assert "Case studies" in html  # the type facet
    assert "Glacier retreat" not in html


@pytest.mark.search
def test_api_returns_case_study_hits_and_related(es, remittance_case, client):
    body = client.get("/api/v1/search/", {"q": "savings counter"}).json()
    assert [(hit["type"], hit["title"]) for hit in body["results"]] == [
        ("casestudy", "Remittance savings for overseas Filipino workers")
    ]
    case = remittance_case["case"]
    related = client.get(f"/api/v1/related/casestudy/{case.pk}/").json()
    assert [section["type"] for section in related["sections"]] == [
        "inventoryitem",
        "recommendation",
        "casestudy",
    ]


def test_related_tag_renders_on_the_database_backend_for_anonymous_readers(
    db_backend, remittance_case, client
):
    response = client.get(remittance_case["case"].url)

    assert response.status_code == 200
    assert '<h2 id="related-heading">Related</h2>' in response.content.decode()
    assert isinstance(response.wsgi_request.user, AnonymousUser)
