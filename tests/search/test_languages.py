"""Search per language: each translation is its own document carrying its language;
a query ranks the reader's language first and still finds the other languages — on the
real Elasticsearch node and on the database backend alike."""

import pytest
from wagtail.models import Locale

from search.backends import get_search_backend
from search.results import SearchParams

from .factories import InventoryItemFactory

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
        calculator = InventoryItemFactory(
            title="Remittance cost calculator", summary="Compare remittance fees."
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
        )
    return calculator, guide


@pytest.fixture
def es_corpus(es, django_capture_on_commit_callbacks):
    return _corpus(django_capture_on_commit_callbacks)


@pytest.fixture
def db_corpus(db_backend, django_capture_on_commit_callbacks):
    return _corpus(django_capture_on_commit_callbacks)


def _titles(language: str, q: str = "remittance") -> list[str]:
    results = get_search_backend().search(SearchParams(q=q, language=language), viewer=None)
    return [hit.title for hit in results.hits]


@pytest.mark.search
def test_elasticsearch_ranks_the_french_version_first_for_a_french_reader(es_corpus):
    titles = _titles("fr")

    assert titles[0] == "Calculateur du coût des remittance"
    assert set(titles) == {
        "Calculateur du coût des remittance",
        "Remittance cost calculator",
        "Guía de remittance",
    }


@pytest.mark.search
def test_elasticsearch_ranks_the_english_original_first_for_an_english_reader(es_corpus):
    titles = _titles("en")

    assert titles[0] == "Remittance cost calculator"
    assert "Calculateur du coût des remittance" in titles


@pytest.mark.search
def test_elasticsearch_documents_carry_their_language(es, es_corpus):
    from search.documents import alias_name

    hits = es.search(index=alias_name("inventoryitem"), size=10)["hits"]["hits"]
    languages = {hit["_source"]["title"]: hit["_source"]["language"] for hit in hits}

    assert languages["Calculateur du coût des remittance"] == "fr"
    assert languages["Remittance cost calculator"] == "en"


def test_database_backend_orders_the_readers_language_first(db_corpus):
    titles = _titles("fr")

    assert titles[0] == "Calculateur du coût des remittance"
    assert len(titles) == 3


def test_database_backend_keeps_english_first_for_english_readers(db_corpus):
    assert _titles("en")[0] == "Remittance cost calculator"


def test_translations_share_a_translation_key_in_the_database_entries(db_corpus):
    from search.models import SearchEntry

    keys = dict(SearchEntry.objects.values_list("language", "translation_key").order_by("pk"))

    assert SearchEntry.objects.filter(translation_key=keys["fr"]).count() == 2
