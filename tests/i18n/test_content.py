"""Translated curated content: a reader gets the version in their language when it is
live, and otherwise the original with a notice and links to the languages it exists in.

Translations are made the way an editor makes them: Wagtail's "Translate" action
(simple_translation's ``CopyPageForTranslationAction``), which copies the page — and
any parent not yet translated — to the target locale as a draft.
"""

from __future__ import annotations

import re

import pytest
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from tests.casestudies import factories
from tests.casestudies.factories import CaseStudyPageFactory
from tests.inventory.factories import InventoryItemFactory

pytestmark = pytest.mark.django_db


def translate(page, language: str, *, publish: bool = True, **changes):
    """Copy ``page`` to ``language`` as simple_translation does, edit it, publish it."""
    action = CopyPageForTranslationAction(
        page=page, locale=Locale.objects.get(language_code=language), copy_parents=True
    )
    copy = action.execute(skip_permission_checks=True).specific
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    if publish:
        copy.save_revision().publish()
    else:
        copy.save_revision()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def case_study(db):
    return CaseStudyPageFactory(
        title="Pre-departure orientation", slug="pre-departure", summary="Workers prepared."
    )


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))


def test_french_translation_of_a_case_study_is_shown_under_fr(client, case_study):
    translate(
        case_study, "fr", title="Orientation avant le départ", summary="Travailleurs préparés."
    )

    response = client.get("/fr/case-studies/pre-departure/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Orientation avant le départ" in html
    assert "Travailleurs préparés." in html
    assert "pas encore disponible" not in html


def test_english_readers_still_get_the_english_original(client, case_study):
    translate(case_study, "fr", title="Orientation avant le départ")

    response = client.get("/case-studies/pre-departure/")

    assert response.status_code == 200
    assert "Pre-departure orientation" in response.content.decode()
    assert "Orientation avant le départ" not in response.content.decode()


def test_missing_translation_shows_the_original_with_a_notice_and_links(client, case_study):
    translate(case_study, "fr", title="Orientation avant le départ")

    response = client.get("/es/case-studies/pre-departure/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Pre-departure orientation" in html
    assert 'class="translation-notice"' in html
    assert 'href="/case-studies/pre-departure/" hreflang="en"' in html
    assert 'href="/fr/case-studies/pre-departure/" hreflang="fr"' in html
    assert 'href="/es/case-studies/pre-departure/" hreflang="es"' not in html


def test_page_never_translated_is_served_in_the_original_under_a_translated_tree(client):
    translated = CaseStudyPageFactory(slug="translated")
    CaseStudyPageFactory(title="Only in English", slug="only-english")
    translate(translated, "fr")  # the French home and index now exist

    response = client.get("/fr/case-studies/only-english/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Only in English" in html
    assert 'class="translation-notice"' in html


def test_notice_names_the_requested_and_shown_languages_in_english(client, case_study):
    response = client.get("/es/case-studies/pre-departure/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    # The interface is Spanish under /es/: the notice is translated at integration; its
    # placeholders already carry the right languages.
    assert "Español" in response.content.decode()


def test_unpublished_translation_is_not_shown(client, case_study):
    translate(case_study, "fr", publish=False, title="Brouillon à moitié traduit")

    response = client.get("/fr/case-studies/pre-departure/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Brouillon à moitié traduit" not in html
    assert "Pre-departure orientation" in html
    assert 'class="translation-notice"' in html


def test_hreflang_alternates_point_to_real_translations_only(client, case_study):
    translate(case_study, "fr", slug="orientation-depart")

    html = client.get("/case-studies/pre-departure/").content.decode()

    assert hreflangs(html) == {
        "en": "http://testserver/case-studies/pre-departure/",
        "fr": "http://testserver/fr/case-studies/orientation-depart/",
    }


def test_translation_with_its_own_slug_is_served_there(client, case_study):
    translate(case_study, "fr", slug="orientation-depart", title="Orientation avant le départ")

    response = client.get("/fr/case-studies/orientation-depart/")

    assert response.status_code == 200
    assert "Orientation avant le départ" in response.content.decode()


def test_listing_shows_each_case_study_once_in_the_readers_language(client, case_study):
    translate(case_study, "fr", title="Orientation avant le départ")
    CaseStudyPageFactory(title="Diaspora bonds", slug="diaspora-bonds")

    html = client.get("/fr/case-studies/").content.decode()

    assert "Orientation avant le départ" in html
    assert "Pre-departure orientation" not in html
    assert "Diaspora bonds" in html


def test_listing_keeps_the_original_while_the_translation_is_a_draft(client, case_study):
    translate(case_study, "fr", publish=False, title="Brouillon")

    html = client.get("/fr/case-studies/").content.decode()

    assert "Pre-departure orientation" in html
    assert "Brouillon" not in html


def test_testimony_translation_is_shown_and_lists_under_the_translated_case_study(
    client, case_study
):
    testimony = factories.TestimonyFactory(
        title="A worker speaks", slug="worker", case_study=case_study
    )
    french_case = translate(case_study, "fr", title="Orientation avant le départ")
    translate(testimony, "fr", title="Une travailleuse témoigne")

    testimony_html = client.get("/fr/case-studies/worker/").content.decode()
    case_html = client.get(french_case.get_url()).content.decode()

    assert "Une travailleuse témoigne" in testimony_html
    assert "Une travailleuse témoigne" in case_html


def test_sitemap_lists_translations_with_their_alternates(client, case_study):
    translate(case_study, "fr", slug="orientation-depart")

    xml = client.get("/sitemap.xml").content.decode()

    assert re.search(r"<loc>http://[^<]+/fr/case-studies/orientation-depart/</loc>", xml)
    assert re.search(r'hreflang="fr" href="http://[^"]+/fr/case-studies/orientation-depart/"', xml)
    assert re.search(r'hreflang="en" href="http://[^"]+/case-studies/pre-departure/"', xml)


def test_reader_version_of_a_draft_only_page_is_none(case_study):
    CaseStudyPage.objects.filter(pk=case_study.pk).update(live=False)
    case_study.refresh_from_db()

    assert case_study.reader_version() is None


def translate_snippet(obj, language: str, *, publish: bool = True, **changes):
    """simple_translation's "Translate" for a snippet: a copy in the target locale."""
    copy = obj.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.live = False
    copy.save()
    if publish:
        copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def item(db):
    return InventoryItemFactory(
        external_id="skills-passport", title="Skills passport course", summary="For returnees."
    )


def test_inventory_item_translated_to_spanish_shows_under_es(client, item):
    translate_snippet(item, "es", title="Curso de pasaporte de competencias")

    response = client.get("/es/inventory/skills-passport/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Curso de pasaporte de competencias" in html
    assert 'class="translation-notice"' not in html
    assert hreflangs(html) == {
        "en": "http://testserver/inventory/skills-passport/",
        "es": "http://testserver/es/inventory/skills-passport/",
    }


def test_inventory_item_without_translation_shows_original_with_notice(client, item):
    translate_snippet(item, "es", title="Curso de pasaporte de competencias")

    response = client.get("/fr/inventory/skills-passport/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Skills passport course" in html
    assert 'class="translation-notice"' in html
    assert 'href="/es/inventory/skills-passport/" hreflang="es"' in html


def test_inventory_item_draft_translation_is_not_shown(client, item):
    translate_snippet(item, "es", publish=False, title="Borrador")

    html = client.get("/es/inventory/skills-passport/").content.decode()

    assert "Borrador" not in html
    assert "Skills passport course" in html


def test_inventory_list_and_api_show_one_version_per_item(client, item):
    translate_snippet(item, "es", title="Curso de pasaporte de competencias")

    listing = client.get("/es/inventory/").content.decode()
    api = client.get("/api/v1/inventory/", HTTP_ACCEPT_LANGUAGE="es").json()

    assert "Curso de pasaporte de competencias" in listing
    assert "Skills passport course" not in listing
    assert [row["title"] for row in api["results"]] == ["Curso de pasaporte de competencias"]


def test_inventory_export_writes_the_originals(client, item):
    translate_snippet(item, "es", title="Curso de pasaporte de competencias")

    body = client.get("/es/inventory/export.json").content.decode()

    assert "Skills passport course" in body
    assert "Curso de pasaporte" not in body


def test_external_id_is_unique_per_language_only(item):
    from django.db import IntegrityError, transaction

    translate_snippet(item, "fr")
    with pytest.raises(IntegrityError), transaction.atomic():
        InventoryItemFactory(external_id="skills-passport")
