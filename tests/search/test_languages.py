"""Search per language: each translation is its own document carrying its language and
its item's translation key. A reader sees one result per item — their language's version
when it matches, else the best match in another language — and totals, facets,
autocomplete and related items count items, not versions; result meta lines are in the
reader's language. On the real Elasticsearch node and on the database backend alike."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from search.backends import get_search_backend
from search.results import SearchParams

from .factories import GroupFactory, InventoryItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _translate(item, language: str, **changes):
    copy = item.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.live = False
    copy.save()
    copy.save_revision().publish()
    return copy


def _corpus(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        theme = ThemeFactory(name="Remittances", slug="remittances")
        calculator = InventoryItemFactory(
            title="Remittance cost calculator",
            summary="Compare remittance fees.",
            kind="tool",
            themes=[theme],
        )
        _translate(
            calculator,
            "fr",
            title="Calculateur du coût des remittance",
            summary="Comparer les frais de remittance.",
        )
        guide = InventoryItemFactory(
            title="Guía de remittance",
            summary="Remittance para familias.",
            locale=Locale.objects.get(language_code="es"),
            themes=[theme],
        )
    return calculator, guide


@pytest.fixture
def es_corpus(es, django_capture_on_commit_callbacks):
    return _corpus(django_capture_on_commit_callbacks)


@pytest.fixture
def db_corpus(db_backend, django_capture_on_commit_callbacks):
    return _corpus(django_capture_on_commit_callbacks)


@pytest.fixture(params=[pytest.param("elasticsearch", marks=pytest.mark.search), "database"])
def corpus(request, django_capture_on_commit_callbacks):
    """The corpus on each backend in turn (Elasticsearch runs carry the search mark)."""
    request.getfixturevalue("es" if request.param == "elasticsearch" else "db_backend")
    return _corpus(django_capture_on_commit_callbacks)


def _search(language: str, q: str = "remittance", **options):
    with translation.override(language):
        return get_search_backend().search(
            SearchParams(q=q, language=language, **options), viewer=None
        )


def _titles(language: str, q: str = "remittance") -> list[str]:
    return [hit.title for hit in _search(language, q).hits]


def _facet_counts(results, name: str) -> dict[str, int]:
    facet = next(facet for facet in results.facets if facet.name == name)
    return {value.value: value.count for value in facet.values}


@pytest.mark.search
def test_elasticsearch_ranks_the_french_version_first_for_a_french_reader(es_corpus):
    assert _titles("fr") == ["Calculateur du coût des remittance", "Guía de remittance"]


@pytest.mark.search
def test_elasticsearch_shows_the_english_original_to_an_english_reader(es_corpus):
    titles = _titles("en")

    assert titles[0] == "Remittance cost calculator"
    assert "Calculateur du coût des remittance" not in titles


@pytest.mark.search
def test_elasticsearch_documents_carry_their_language(es, es_corpus):
    from search.documents import alias_name

    hits = es.search(index=alias_name("inventoryitem"), size=10)["hits"]["hits"]
    languages = {hit["_source"]["title"]: hit["_source"]["language"] for hit in hits}

    assert languages["Calculateur du coût des remittance"] == "fr"
    assert languages["Remittance cost calculator"] == "en"


def test_database_backend_orders_the_readers_language_first(db_corpus):
    assert _titles("fr") == ["Calculateur du coût des remittance", "Guía de remittance"]


def test_database_backend_keeps_english_first_for_english_readers(db_corpus):
    assert _titles("en")[0] == "Remittance cost calculator"


def test_translations_share_a_translation_key_in_the_database_entries(db_corpus):
    from search.models import SearchEntry

    keys = dict(SearchEntry.objects.values_list("language", "translation_key").order_by("pk"))

    assert SearchEntry.objects.filter(translation_key=keys["fr"]).count() == 2


def test_search_lists_each_item_once_in_the_readers_language(corpus):
    titles = _titles("fr")

    assert titles.count("Calculateur du coût des remittance") == 1
    assert "Remittance cost calculator" not in titles


def test_search_shows_the_version_in_another_language_when_the_readers_does_not_match(corpus):
    # "fees" is only in the English version ("calculator" would find the French
    # "calculateur": both stem to "calcul").
    assert _titles("fr", q="fees") == ["Remittance cost calculator"]


def test_search_shows_an_item_that_has_no_version_in_the_readers_language(corpus):
    assert "Guía de remittance" in _titles("en")


def test_search_total_and_facets_count_items_not_versions(corpus):
    results = _search("en")

    assert results.total == 2
    assert results.pages == 1
    assert _facet_counts(results, "type")["inventoryitem"] == 2
    assert _facet_counts(results, "theme")["remittances"] == 2


def test_search_total_counts_items_under_a_facet_filter(corpus):
    results = _search("fr", filters={"theme": ["remittances"]})

    assert results.total == 2
    assert len(results.hits) == 2


def test_search_never_folds_untranslated_documents_together(
    corpus, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        GroupFactory(name="Remittance circle north")
        GroupFactory(name="Remittance circle south")

    titles = _titles("en", q="circle")

    assert sorted(titles) == ["Remittance circle north", "Remittance circle south"]
    assert _search("en", q="circle").total == 2


def test_autocomplete_suggests_each_item_once_in_the_readers_language(corpus):
    with translation.override("fr"):
        titles = [s.title for s in get_search_backend().autocomplete("remitt", viewer=None)]

    assert sorted(titles) == ["Calculateur du coût des remittance", "Guía de remittance"]


def test_related_items_list_each_item_once_and_never_the_pages_own_translation(corpus):
    calculator, guide = corpus

    with translation.override("fr"):
        related = get_search_backend().related(guide, viewer=None)
        own = get_search_backend().related(calculator, viewer=None)

    titles = [item.title for section in related.sections for item in section.items]
    own_titles = [item.title for section in own.sections for item in section.items]
    assert titles == ["Calculateur du coût des remittance"]
    assert own_titles == ["Guía de remittance"]


def test_result_meta_is_in_the_readers_language(corpus):
    english = {hit.title: hit.meta for hit in _search("en").hits}
    french = {hit.title: hit.meta for hit in _search("fr").hits}

    assert english["Remittance cost calculator"] == "Tool · Existing"
    assert french["Calculateur du coût des remittance"] == "Outil · Existant"


def test_a_much_better_match_in_another_language_does_not_hide_the_readers_version(
    corpus, django_capture_on_commit_callbacks
):
    """The English version says "corridor" everywhere, the French one once: it scores
    far below even with the reader's language weighing three times, and a French reader
    still gets it, once, with its own title and snippet."""
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(
            title="Corridor corridor corridor toolkit",
            summary="Corridor data for every corridor.",
            description="Corridor corridor corridor corridor corridor corridor.",
            kind="tool",
        )
        _translate(
            item,
            "fr",
            title="Boîte à outils des couloirs",
            summary="Des données sur les couloirs migratoires.",
            description="Un seul corridor est décrit en détail.",
        )

    results = _search("fr", q="corridor")

    assert [hit.title for hit in results.hits] == ["Boîte à outils des couloirs"]
    assert results.hits[0].language == "fr"
    assert results.total == 1
