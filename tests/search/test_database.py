"""The database backend on its own (no cluster configured): the default of the
one-command demo, and the fallback when the cluster is down."""

import pytest

from search.backends import get_search_backend
from search.models import SearchEntry
from search.results import SearchParams

from .factories import (
    GroupFactory,
    InventoryItemFactory,
    MembershipFactory,
    RecommendationFactory,
    ThemeFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db_backend, django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(
            title="Remittance cost calculator",
            description="Compare <b>remittance</b> fees for the Philippines.",
            themes=[remittances],
            target_countries=[country("PH")],
            cohort_year=2023,
        )
        InventoryItemFactory(
            title="Financial literacy",
            description="Savings and remittances.",
            themes=[remittances],
            target_countries=[country("MX")],
            cohort_year=2021,
        )
        RecommendationFactory(
            title="Cheaper remittances",
            text="Lower costs.",
            themes=[remittances],
            meeting__year=2024,
        )


def _search(viewer=None, **kwargs):
    return get_search_backend().search(SearchParams(**kwargs), viewer=viewer)


def _facet(results, name):
    facet = next(f for f in results.facets if f.name == name)
    return {value.value: value.count for value in facet.values}


def test_saving_keeps_database_entries_current(corpus, django_capture_on_commit_callbacks):
    item = InventoryItemFactory(title="Draft", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        item.live = True
        item.save()
    assert SearchEntry.objects.filter(type="inventoryitem", object_id=item.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not SearchEntry.objects.filter(type="inventoryitem", object_id=item.pk).exists()


def test_database_search_counts_facets_in_sql(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        results = _search(q="remittance", filters={"country": ["PH", "MX"]})

    assert results.backend == "database"
    assert results.total == 2
    # Each facet counts within the other facets' selections: recommendations have no country.
    assert _facet(results, "type") == {"inventoryitem": 2}
    assert _facet(results, "country") == {"PH": 1, "MX": 1}
    assert _facet(results, "theme") == {"remittances": 2}
    assert _facet(results, "year") == {"2023": 1, "2021": 1}


def test_database_search_highlights_and_escapes(corpus):
    results = _search(q="remittance", filters={"country": ["PH"]})
    (hit,) = results.hits

    assert hit.title_html == "<mark>Remittance</mark> cost calculator"
    assert "&lt;b&gt;<mark>remittance</mark>&lt;/b&gt;" in hit.snippet_html


def test_database_search_sorts_by_date(corpus):
    results = _search(q="remittance", sort="date")

    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert results.hits[-1].title == "Cheaper remittances"  # GFMD 2024, older than the items


def test_database_search_corrects_a_query_that_matches_nothing(corpus):
    """Nothing matches what was typed: the results are the corrected query's, and say
    so."""
    results = _search(q="calculater")

    assert results.corrected_from == "calculater"
    assert results.suggestion == "calculator"
    assert [hit.title for hit in results.hits] == ["Remittance cost calculator"]


def test_database_search_treats_search_syntax_as_words(corpus):
    results = _search(q='"remittance" AND (cost*')

    assert {hit.title for hit in results.hits} == {
        "Remittance cost calculator",
        "Cheaper remittances",
    }


def test_database_search_pages(corpus):
    second = _search(q="", page=2, per_page=2, sort="date")

    assert second.total == 3
    assert len(second.hits) == 1


def test_database_backend_hides_private_content_everywhere(
    db_backend, group_content_type, member, other_member
):
    from search import indexing

    private = GroupFactory(name="Peers", privacy="private", description="Zebra ledger.")
    MembershipFactory(group=private, user=member)
    indexing.rebuild("groupcontent")
    backend = get_search_backend()

    assert _search(viewer=other_member, q="ledger").total == 0
    assert _facet(_search(viewer=other_member, q=""), "theme") == {}
    assert _search(viewer=other_member, q="peerz").suggestion == ""
    assert backend.autocomplete("discussion in peers", viewer=other_member) == []
    assert _search(viewer=member, q="ledger").total == 1
    # "peerz" is read as the glossary's "peer" too: the member finds their group.
    assert _search(viewer=member, q="peerz").total == 1
    assert [s.title for s in backend.autocomplete("discussion in peers", viewer=member)] == [
        "Discussion in Peers"
    ]


def test_health_reports_the_database_backend(db_backend, client):
    assert client.get("/healthz").json()["search"] == {
        "configured": "database",
        "active": "database",
        "status": "ok",
    }


def _titles(client, **params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200
    return [hit["title"] for hit in response.json()["results"]]


def test_database_full_text_finds_other_forms_of_a_word(corpus, client):
    """PostgreSQL reads each entry with its language's stemmer: a plural finds the
    singular."""
    assert _titles(client, q="calculators") == ["Remittance cost calculator"]


def test_database_full_text_understands_web_search_syntax(corpus, client):
    assert set(_titles(client, q="remittances -calculator")) == {
        "Financial literacy",
        "Cheaper remittances",
    }


def test_database_full_text_ranks_title_matches_above_body_matches(corpus, client):
    titles = _titles(client, q="remittances")

    assert titles[-1] == "Financial literacy"  # the word is only in its description
    assert set(titles[:2]) == {"Remittance cost calculator", "Cheaper remittances"}


def test_database_full_text_follows_edits(corpus, client, django_capture_on_commit_callbacks):
    from inventory.models import InventoryItem

    item = InventoryItem.objects.get(title="Financial literacy")
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Pension portability"
        item.save()

    assert _titles(client, q="portability") == ["Pension portability"]
    assert _titles(client, q="literacy") == []


def test_database_full_text_reads_each_language_with_its_stemmer(corpus):
    from search.languages import stemmer_for

    entry = SearchEntry.objects.get(title="Remittance cost calculator")
    assert entry.language == "en"
    assert stemmer_for("fr") == "french"
    assert stemmer_for("") == stemmer_for("en") == "english"
    assert stemmer_for("ar") == "simple"
    assert "remitt" in entry.search_vector
