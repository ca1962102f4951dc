"""Search, facets, highlighting, suggestions, autocomplete and permissions on the real
Elasticsearch node."""

import pytest

from community.services import group_update
from search import documents
from search.backends import get_search_backend
from search.results import SearchParams
from tests.community.factories import UserFactory

from .factories import (
    GroupFactory,
    InventoryItemFactory,
    MembershipFactory,
    RecommendationFactory,
    SectorFactory,
    ThemeFactory,
    country,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.fixture
def corpus(es, django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    labour = ThemeFactory(name="Labour migration")
    finance = SectorFactory(name="Finance")
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(
            title="Remittance cost calculator",
            summary="Compare the cost of sending money home.",
            description="A tool for migrants in the Philippines to compare remittance fees.",
            themes=[remittances],
            sectors=[finance],
            target_countries=[country("PH")],
            cohort_year=2023,
            languages=["en", "tl"],
        )
        InventoryItemFactory(
            title="Financial literacy for migrant households",
            description="Training on remittances, savings and investment.",
            themes=[remittances],
            target_countries=[country("MX")],
            cohort_year=2021,
            languages=["es"],
        )
        InventoryItemFactory(
            title="Bilateral labour agreements course",
            description="Negotiating fair recruitment between countries.",
            themes=[labour],
            target_countries=[country("PH")],
            cohort_year=2023,
        )
        RecommendationFactory(
            title="Reduce the cost of remittances",
            text="States should lower remittance transfer costs below three percent.",
            themes=[remittances],
        )
    return {"remittances": remittances, "labour": labour}


def _search(viewer=None, **kwargs):
    return get_search_backend().search(SearchParams(**kwargs), viewer=viewer)


def _facet(results, name):
    facet = next(f for f in results.facets if f.name == name)
    return {value.value: value.count for value in facet.values}


def test_search_finds_every_type_and_counts_them(corpus):
    results = _search(q="remittance")

    assert results.total == 3
    assert _facet(results, "type") == {"inventoryitem": 2, "recommendation": 1}


def test_facets_combine_and_count_within_the_other_selections(corpus):
    results = _search(q="", filters={"theme": ["remittances"], "country": ["PH"]})

    assert [hit.title for hit in results.hits] == ["Remittance cost calculator"]
    # A facet's counts ignore its own selection (so it can be widened) but obey the others'.
    assert _facet(results, "country") == {"PH": 1, "MX": 1}
    assert _facet(results, "theme") == {"remittances": 1, "labour-migration": 1}
    assert _facet(results, "year") == {"2023": 1}
    assert _facet(results, "region")["035"] == 1


def test_facet_values_within_one_facet_are_alternatives(corpus):
    results = _search(q="", filters={"country": ["PH", "MX"]})

    assert results.total == 3


def test_facets_show_readable_labels_and_selection(corpus):
    results = _search(q="", filters={"country": ["PH"]})
    countries = next(f for f in results.facets if f.name == "country")
    philippines = next(v for v in countries.values if v.value == "PH")

    assert philippines.label == "Philippines"
    assert philippines.selected is True
    languages = next(f for f in results.facets if f.name == "language")
    assert {v.label for v in languages.values} >= {"English", "Filipino"}


def test_highlighting_marks_the_query_words_and_escapes_html(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(
            title="Diaspora <b>investment</b> guide",
            description="How diaspora investment funds work in practice.",
        )

    (hit,) = _search(q="investment").hits

    assert "<mark>investment</mark>" in hit.snippet_html
    assert hit.title_html.startswith("Diaspora &lt;b&gt;<mark>investment</mark>&lt;")
    assert "<b>" not in hit.title_html


def test_sort_by_date_puts_the_newest_first(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for year in (2019, 2024, 2021):
            RecommendationFactory(
                title=f"Skills recognition {year}",
                meeting__year=year,
                text="skills recognition",
            )

    results = _search(q="skills", sort="date")

    assert [hit.title for hit in results.hits] == [
        "Skills recognition 2024",
        "Skills recognition 2021",
        "Skills recognition 2019",
    ]


def test_pagination_returns_the_requested_slice(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory.create_batch(25, description="climate mobility")

    first = _search(q="climate", page=1, sort="date")
    second = _search(q="climate", page=2, sort="date")

    assert first.total == 25
    assert first.pages == 2
    assert len(first.hits) == 20
    assert len(second.hits) == 5
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_a_misspelt_word_finds_close_spellings_and_suggests_one(corpus):
    """Nothing has the word as typed: close spellings match (a relaxed pass, said so),
    and the correction that finds something is suggested."""
    strict = _search(q="calculatr remittanse")

    assert strict.relaxed
    assert strict.total > 0
    titles = {hit.title for hit in strict.hits}
    assert {"Remittance cost calculator", "Reduce the cost of remittances"} <= titles
    assert "Bilateral labour agreements course" not in titles
    assert strict.suggestion.split()[0] == "calculator"


def test_a_misspelt_glossary_word_is_read_as_the_word_it_nearly_is(corpus):
    results = _search(q="remitance")

    assert not results.relaxed
    assert "remittances" in results.expansions
    assert "Remittance cost calculator" in {hit.title for hit in results.hits}


def test_lucene_syntax_in_the_query_is_harmless(corpus):
    for q in ["remittance AND (cost", 'title:"unclosed', "*:*", "cost~2 ^3 /regex[/", "\\"]:
        results = _search(q=q)
        assert results.backend == "elasticsearch"
        assert results.incomplete is False


def test_autocomplete_completes_titles_by_prefix(corpus):
    suggestions = get_search_backend().autocomplete("remit", viewer=None)

    titles = {s.title for s in suggestions}
    assert "Remittance cost calculator" in titles
    assert "Reduce the cost of remittances" not in titles or len(titles) >= 1
    assert all(s.type in {"inventoryitem", "recommendation"} for s in suggestions)


def test_autocomplete_matches_several_words_the_last_one_partial(corpus):
    suggestions = get_search_backend().autocomplete("remittance cost calc", viewer=None)

    assert [s.title for s in suggestions] == ["Remittance cost calculator"]


def test_language_analyzers_are_a_setting_for_full_clusters(settings):
    settings.SEARCH = {**settings.SEARCH, "LANGUAGE_ANALYZERS": True}
    title = documents.build_mapping().to_dict()["properties"]["title"]

    assert title["analyzer"] == "standard"
    assert title["fields"]["en"]["analyzer"] == "english"
    assert title["fields"]["fr"]["analyzer"] == "french"
    assert "title.es^3" in documents.search_text_fields()


def test_default_mapping_has_no_language_analyzers(settings):
    settings.SEARCH = {**settings.SEARCH, "LANGUAGE_ANALYZERS": False}

    assert "fields" not in documents.build_mapping().to_dict()["properties"]["title"]


# Permissions ---------------------------------------------------------------------


@pytest.fixture
def private_content(es, group_content_type, django_capture_on_commit_callbacks, member):
    from search import indexing

    private = GroupFactory(
        name="Remittance corridor peers",
        privacy="private",
        description="Confidential remittance corridor pricing notes.",
    )
    secret = GroupFactory(
        name="Hidden remittance circle",
        privacy="secret",
        description="Secret remittance strategy discussion.",
    )
    public = GroupFactory(
        name="Open remittance forum", privacy="public", description="Public remittance talk."
    )
    MembershipFactory(group=private, user=member)
    indexing.rebuild("groupcontent")  # groups themselves are indexed where a test needs them
    return {"private": private, "secret": secret, "public": public}


def test_private_group_content_is_hidden_from_non_members(private_content, other_member):
    results = _search(viewer=other_member, q="remittance", filters={"type": ["groupcontent"]})

    assert [hit.title for hit in results.hits] == ["Discussion in Open remittance forum"]
    assert _facet(results, "type")["groupcontent"] == 1


def test_anonymous_visitors_see_only_public_content_and_listed_groups(private_content):
    from search import indexing

    indexing.rebuild("group")
    results = _search(q="remittance")
    titles = {hit.title for hit in results.hits}

    assert "Discussion in Open remittance forum" in titles
    assert "Remittance corridor peers" in titles  # a private group is listed…
    assert "Discussion in Remittance corridor peers" not in titles  # …its content is not
    assert not any("Hidden" in title for title in titles)  # a secret group is not even listed


def test_members_see_their_private_group_content(private_content, member):
    results = _search(viewer=member, q="confidential")

    assert [hit.title for hit in results.hits] == ["Discussion in Remittance corridor peers"]


def test_staff_see_everything(private_content, staff):
    results = _search(viewer=staff, q="remittance", filters={"type": ["groupcontent"]})

    assert results.total == 3


def test_facet_counts_do_not_reveal_private_content(private_content, other_member):
    results = _search(viewer=other_member, q="")

    assert _facet(results, "theme") == {"remittances": 1}


def test_suggestions_never_come_from_private_content(private_content, other_member, member):
    assert _search(viewer=other_member, q="confidental").suggestion == ""
    assert _search(viewer=member, q="confidental").suggestion == "confidential"


def test_autocomplete_never_offers_private_content(private_content, other_member, member):
    backend = get_search_backend()

    assert backend.autocomplete("discussion in remittance co", viewer=other_member) == []
    assert [
        s.title for s in backend.autocomplete("discussion in remittance co", viewer=member)
    ] == ["Discussion in Remittance corridor peers"]


def _owner(group):
    return MembershipFactory(group=group, user=UserFactory(), role="owner").user


def test_making_a_group_private_hides_its_content_at_once(
    private_content, other_member, django_capture_on_commit_callbacks
):
    public = private_content["public"]
    with django_capture_on_commit_callbacks(execute=True):
        group_update(group=public, actor=_owner(public), privacy="private")

    results = _search(viewer=other_member, q="remittance", filters={"type": ["groupcontent"]})
    assert results.total == 0


def test_making_a_group_secret_removes_it_from_search(
    private_content, django_capture_on_commit_callbacks
):
    private = private_content["private"]
    with django_capture_on_commit_callbacks(execute=True):
        group_update(group=private, actor=_owner(private), privacy="secret")

    titles = {hit.title for hit in _search(q="corridor").hits}
    assert "Remittance corridor peers" not in titles
