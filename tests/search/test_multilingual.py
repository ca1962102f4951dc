"""Search that speaks English, French and Spanish, on the real Elasticsearch node and on
PostgreSQL alike: word forms (Snowball stemming), accents optional, the glossary that
carries a query across languages (including a term an editor publishes in the CMS),
taxonomy names recognised in any language, and the passes that relax a query or
correct its spelling when nothing matches — each said on the page."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from search import analysis, glossary
from search.backends import get_search_backend
from search.models import GlossaryConcept
from search.results import SearchParams
from search.understanding import understand

from .factories import InventoryItemFactory, ThemeFactory, country

pytestmark = pytest.mark.django_db


def _corpus(capture):
    with capture(execute=True):
        remittances = ThemeFactory(name="Remittances", slug="remittances")
        InventoryItemFactory(
            title="Remittance cost calculator",
            summary="Compare the fees of sending money home.",
            themes=[remittances],
        )
        InventoryItemFactory(
            title="Fair recruitment of migrant workers",
            summary="Recruitment fees and ethical recruiters.",
            target_countries=[country("PH")],
        )
        InventoryItemFactory(
            title="Les formations des élus locaux",
            summary="Former les maires à l'accueil.",
            locale=Locale.objects.get(language_code="fr"),
        )
        InventoryItemFactory(
            title="Capacitación de autoridades municipales",
            summary="Integración de personas migrantes en la ciudad.",
            locale=Locale.objects.get(language_code="es"),
        )
        InventoryItemFactory(title="Seasonal orchard work", summary="Picking apples.")


@pytest.fixture(params=[pytest.param("elasticsearch", marks=pytest.mark.search), "database"])
def corpus(request, django_capture_on_commit_callbacks):
    request.getfixturevalue("es" if request.param == "elasticsearch" else "db_backend")
    _corpus(django_capture_on_commit_callbacks)
    return request.param


def _search(q: str, language: str = "en", **options):
    with translation.override(language):
        return get_search_backend().search(
            SearchParams(q=q, language=language, **options), viewer=None
        )


def _titles(q: str, language: str = "en") -> set[str]:
    return {hit.title for hit in _search(q, language).hits}


# Reading words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stemmer", "forms"),
    [
        ("english", ["recruiting", "recruitment", "recruited"]),
        ("french", ["formations", "formation"]),
        ("spanish", ["capacitaciones", "capacitación", "capacitacion"]),
    ],
)
def test_the_forms_of_a_word_share_a_reading(stemmer, forms):
    readings = [set(analysis.readings(form, stemmer)) for form in forms]
    assert set.intersection(*readings), readings


def test_accents_fold_and_both_readings_of_an_accented_word_are_kept():
    assert analysis.fold("Intégration, Migración, Œuvre") == "integration, migracion, oeuvre"
    # "intégrée" is stemmed as written, then folded; and folded, then stemmed.
    assert set(analysis.readings("intégrées", "french")) == {"integr", "integre"}
    assert set(analysis.readings("integrees", "french")) & {"integr", "integre"}


def test_stop_words_are_not_units_unless_nothing_else_is_left(db):
    assert [unit.text for unit in understand("programas de la migración").units] == [
        "programas",
        "migración",
    ]
    assert [unit.text for unit in understand("de la").units] == ["de", "la"]


# Word forms and accents, on both backends ---------------------------------------------


def test_an_inflected_english_word_finds_its_other_forms(corpus):
    assert "Fair recruitment of migrant workers" in _titles("recruiting")


def test_a_french_plural_finds_the_singular_and_back(corpus):
    assert "Les formations des élus locaux" in _titles("formation", "fr")
    assert "Les formations des élus locaux" in _titles("formations", "fr")


def test_a_spanish_word_matches_without_its_accent(corpus):
    assert "Capacitación de autoridades municipales" in _titles("capacitacion", "es")
    assert "Capacitación de autoridades municipales" in _titles("integracion", "es")
    assert "Capacitación de autoridades municipales" in _titles("capacitaciones", "es")


# The glossary -------------------------------------------------------------------------


def test_the_shipped_glossary_is_loaded_and_large():
    assert GlossaryConcept.objects.filter(live=True).count() >= 150
    terms = {term.text for term in GlossaryConcept.objects.get(key="remittances").terms.all()}
    assert {"remittances", "remesas", "transferts de fonds"} <= terms


@pytest.mark.parametrize(("q", "language"), [("remesas", "es"), ("transferts de fonds", "fr")])
def test_a_concept_named_in_another_language_finds_the_english_content(corpus, q, language):
    results = _search(q, language)

    assert "Remittance cost calculator" in {hit.title for hit in results.hits}
    assert "remittances" in results.expansions
    assert "Seasonal orchard work" not in {hit.title for hit in results.hits}


def test_a_term_an_editor_publishes_in_the_cms_becomes_searchable(corpus, client, editor):
    assert "Seasonal orchard work" not in _titles("cosecha de manzanas", "es")
    client.force_login(editor)
    form = {
        "key": "fruit-picking",
        "theme": "",
        "sector": "",
        "description": "",
        "terms-TOTAL_FORMS": "2",
        "terms-INITIAL_FORMS": "0",
        "terms-MIN_NUM_FORMS": "1",
        "terms-MAX_NUM_FORMS": "1000",
        "terms-0-language": "en",
        "terms-0-text": "picking apples",
        "terms-0-ORDER": "1",
        "terms-1-language": "es",
        "terms-1-text": "cosecha de manzanas",
        "terms-1-ORDER": "2",
    }
    url = "/admin/snippets/search/glossaryconcept/add/"

    draft = client.post(url, form)
    assert draft.status_code == 302, draft.content.decode()[:2000]
    assert "Seasonal orchard work" not in _titles("cosecha de manzanas", "es")

    concept = GlossaryConcept.objects.get(key="fruit-picking")
    edit = f"/admin/snippets/search/glossaryconcept/edit/{concept.pk}/"
    terms = list(concept.terms.order_by("sort_order"))
    published = client.post(
        edit,
        {
            **form,
            "terms-INITIAL_FORMS": "2",
            "terms-0-id": str(terms[0].pk),
            "terms-1-id": str(terms[1].pk),
            "action-publish": "action-publish",
        },
    )
    assert published.status_code == 302, published.content.decode()[:2000]
    assert "Seasonal orchard work" in _titles("cosecha de manzanas", "es")


def test_a_glossary_file_with_problems_is_refused_whole_with_its_lines(db):
    before = GlossaryConcept.objects.count()
    bad = (
        "key,theme,sector,en,fr,es,description\n"
        "brand-new,,,new thing,chose neuve,cosa nueva,\n"
        "Not A Slug,,,x,,,\n"
        "no-terms,,,,,,\n"
        "themed,no-such-theme,,y,,,\n"
    )
    with pytest.raises(glossary.GlossaryRejected) as rejected:
        glossary.import_glossary(bad.encode())

    assert [issue.split(":")[0] for issue in rejected.value.issues] == [
        "Line 3",
        "Line 4",
        "Line 5",
    ]
    assert GlossaryConcept.objects.count() == before


def test_the_glossary_exports_and_imports_again_unchanged(db):
    for text, fmt in ((glossary.export_json(), "json"), (glossary.export_csv(), "csv")):
        result = glossary.import_glossary(text.encode(), fmt)
        assert (result.created, result.updated) == ([], [])
        assert result.unchanged == GlossaryConcept.objects.count()


def test_the_glossary_page_imports_and_exports_for_editors_only(client, editor, member):
    client.force_login(member)
    assert client.get("/admin/search/glossary/export/").status_code in (302, 403)
    client.force_login(editor)
    page = client.get("/admin/search/glossary/import/")
    assert page.status_code == 200
    assert b"Export as CSV" in page.content
    csv_export = client.get("/admin/search/glossary/export/?format=csv")
    assert csv_export["Content-Type"].startswith("text/csv")
    assert "remesas" in csv_export.content.decode()


# Taxonomy, relaxation, spelling --------------------------------------------------------


def test_a_country_named_in_spanish_is_recognised_and_offered_as_a_filter(corpus, client):
    results = _search("reclutamiento Filipinas", "es")

    assert [(tag.facet, tag.value) for tag in results.recognised] == [("country", "PH")]
    assert "Fair recruitment of migrant workers" in {hit.title for hit in results.hits}
    page = client.get("/es/search/", {"q": "Filipinas"})
    assert "country=PH" in page.content.decode()


def test_when_no_result_has_every_word_most_must_match_and_the_page_says_so(corpus, client):
    results = _search("remittance unicornology")

    assert results.relaxed
    assert "Remittance cost calculator" in {hit.title for hit in results.hits}
    page = client.get("/search/", {"q": "remittance unicornology"}).content.decode()
    assert "No result matched every word" in page


def test_a_misspelt_concept_is_read_as_the_concept(corpus):
    results = _search("remitances")

    assert "Remittance cost calculator" in {hit.title for hit in results.hits}


def test_results_say_the_language_they_are_written_in(corpus, client):
    page = client.get("/search/", {"q": "formations"}).content.decode()

    assert "Written in" in page
    assert ">FR</span>" in page
