"""Practices replicated in my region (issue #9): a case study carries the countries and
M49 regions where it was replicated (its published adaptations), so the "Replicated in"
facet finds it — on the real Elasticsearch node and on the database backend alike."""

import pytest
from django.urls import reverse

from search.backends import get_search_backend
from search.results import SearchParams
from tests.casestudies.factories import CaseStudyPageFactory

from .factories import country

pytestmark = pytest.mark.django_db

EASTERN_AFRICA = "014"
SOUTH_AMERICA = "005"


@pytest.fixture(params=["elasticsearch", "database"])
def backend(request):
    """Each test runs on the real node and on the database backend."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es")
    else:
        request.getfixturevalue("db_backend")
    return request.param


def _adapt(page, original, note: str = "") -> None:
    page.adapted_from = original
    page.adaptation_note = note
    page.save_revision().publish()


@pytest.fixture
def lineage(backend, django_capture_on_commit_callbacks):
    """Pre-departure orientation from the Philippines, replicated in Kenya (published)
    and in Peru (a draft nobody may read yet), next to an unrelated practice in Kenya."""
    with django_capture_on_commit_callbacks(execute=True):
        original = CaseStudyPageFactory(
            title="Pre-departure orientation in Manila", countries=[country("PH")]
        )
        in_kenya = CaseStudyPageFactory(
            title="Orientation for domestic workers in Nairobi", countries=[country("KE")]
        )
        _adapt(in_kenya, original, "Run by the workers' association, in Swahili.")
        in_peru = CaseStudyPageFactory(
            title="Orientation in Lima", countries=[country("PE")], publish=False
        )
        in_peru.adapted_from = original
        in_peru.save_revision()
        unrelated = CaseStudyPageFactory(
            title="Diaspora bonds in Nairobi", countries=[country("KE")]
        )
    return {"original": original, "in_kenya": in_kenya, "unrelated": unrelated}


def _search(**filters):
    return get_search_backend().search(
        SearchParams(filters={"type": ["casestudy"], **filters}), viewer=None
    )


def _titles(results) -> set[str]:
    return {hit.title for hit in results.hits}


def _facet(results, name: str) -> dict[str, tuple[str, int]]:
    facet = next(f for f in results.facets if f.name == name)
    return {value.value: (value.label, value.count) for value in facet.values}


def test_replicated_in_a_region_finds_the_original_and_its_local_adaptation(lineage, backend):
    results = _search(replicated_in=[EASTERN_AFRICA])

    assert results.backend == backend
    assert _titles(results) == {
        "Pre-departure orientation in Manila",
        "Orientation for domestic workers in Nairobi",
    }


def test_replicated_in_a_country_finds_the_practice_replicated_there(lineage, backend):
    assert _titles(_search(replicated_in=["KE"])) == {
        "Pre-departure orientation in Manila",
        "Orientation for domestic workers in Nairobi",
    }


def test_replicated_in_facet_names_countries_and_regions_with_their_counts(lineage, backend):
    facet = _facet(_search(), "replicated_in")

    assert facet["KE"] == ("Kenya", 2)
    assert facet[EASTERN_AFRICA] == ("Eastern Africa", 2)
    assert facet["002"] == ("Africa", 2)


def test_replicated_in_ignores_an_unpublished_adaptation(lineage, backend):
    facet = _facet(_search(), "replicated_in")

    assert "PE" not in facet
    assert SOUTH_AMERICA not in facet
    assert _search(replicated_in=["PE"]).total == 0


def test_replicated_in_follows_a_newly_published_adaptation(
    lineage, backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        in_brazil = CaseStudyPageFactory(
            title="Orientation in São Paulo", countries=[country("BR")]
        )
        _adapt(in_brazil, lineage["original"])

    assert _titles(_search(replicated_in=[SOUTH_AMERICA])) == {
        "Pre-departure orientation in Manila",
        "Orientation in São Paulo",
    }


def test_replicated_in_forgets_an_adaptation_when_it_is_unpublished(
    lineage, backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lineage["in_kenya"].unpublish()

    assert _search(replicated_in=["KE"]).total == 0


def test_replicated_in_covers_the_adaptation_of_an_adaptation(
    lineage, backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        in_uganda = CaseStudyPageFactory(title="Orientation in Kampala", countries=[country("UG")])
        _adapt(in_uganda, lineage["in_kenya"])

    assert _titles(_search(replicated_in=["UG"])) == {
        "Pre-departure orientation in Manila",
        "Orientation for domestic workers in Nairobi",
        "Orientation in Kampala",
    }


def test_search_api_shows_the_replicated_in_facet(client, lineage, backend):
    response = client.get(
        reverse("api:search"), {"type": "casestudy", "replicated_in": EASTERN_AFRICA}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == backend
    assert {hit["title"] for hit in body["results"]} == {
        "Pre-departure orientation in Manila",
        "Orientation for domestic workers in Nairobi",
    }
    facet = next(f for f in body["facets"] if f["name"] == "replicated_in")
    assert facet["label"] == "Replicated in"
    assert {
        "value": EASTERN_AFRICA,
        "label": "Eastern Africa",
        "count": 2,
        "selected": True,
    } in facet["values"]


def test_search_api_rejects_an_unknown_replicated_in_value(client, db_backend):
    response = client.get(reverse("api:search"), {"replicated_in": "Atlantis"})

    assert response.status_code == 400
    assert "replicated_in" in response.json()


def test_search_page_offers_replicated_in_my_region_to_a_member_with_a_country(
    client, member, lineage
):
    member.profile.country = country("KE")
    member.profile.save()
    client.force_login(member)

    body = client.get(reverse("search:search")).content.decode()

    assert "Practices replicated in my region (Eastern Africa)" in body
    assert f'href="/search/?type=casestudy&amp;replicated_in={EASTERN_AFRICA}"' in body


def test_replicated_in_my_region_link_leads_to_the_practices_replicated_there(
    client, member, lineage
):
    member.profile.country = country("UG")
    member.profile.save()
    client.force_login(member)

    response = client.get(
        reverse("search:search"), {"type": "casestudy", "replicated_in": EASTERN_AFRICA}
    )

    body = response.content.decode()
    assert "Showing practices replicated in your region, Eastern Africa." in body
    assert "Pre-departure orientation in Manila" in body
    assert "Diaspora bonds in Nairobi" not in body


def test_search_page_offers_no_region_link_to_visitors_or_members_without_a_country(
    client, member, db_backend
):
    assert "replicated in my region" not in client.get(reverse("search:search")).content.decode()
    client.force_login(member)
    assert "replicated in my region" not in client.get(reverse("search:search")).content.decode()


def test_replications_page_offers_replicated_in_my_region(client, member, lineage):
    member.profile.country = country("KE")
    member.profile.save()
    client.force_login(member)

    body = client.get(reverse("outcomes:replications")).content.decode()

    assert f'href="/outcomes/replications/?region={EASTERN_AFRICA}"' in body
