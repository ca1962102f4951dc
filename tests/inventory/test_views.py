"""The public pages, their exports, and the editors' import page in the Wagtail admin."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inventory import exchange
from inventory.models import InventoryItem, Recommendation
from inventory.services import inventory_import

from .factories import InventoryItemFactory, RecommendationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_inventory_page_shows_why_each_item_matched_and_what_can_be_replicated(
    client, south_eastern_asia
):
    InventoryItemFactory(
        title="Seafarers orientation",
        target_regions=[south_eastern_asia],
        replicable_components=["contract-reading module"],
        replication_notes="Any maritime school can run it.",
    )
    response = client.get("/inventory/", {"country": "PH"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 item" in html
    assert "Seafarers orientation" in html
    assert "Targets South-eastern Asia, which includes Philippines." in html
    assert "contract-reading module" in html
    assert html.count("<h1") == 1


def test_inventory_page_shows_facet_counts_for_other_values(client):
    InventoryItemFactory(kind="course")
    InventoryItemFactory(kind="tool")
    InventoryItemFactory(kind="tool")
    html = client.get("/inventory/", {"kind": "course"}).content.decode()
    assert 'Course <span class="facet__count">(1 result)</span>' in html
    assert 'Tool <span class="facet__count">(2 results)</span>' in html


def test_inventory_page_answers_400_and_names_the_bad_filter(client):
    response = client.get("/inventory/", {"country": "XX", "date_from": "yesterday"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown country code “XX”" in html
    assert "Enter a valid date." in html


def test_inventory_page_paginates_and_keeps_filters_in_links(client):
    for n in range(25):
        InventoryItemFactory(kind="course", title=f"Course {n:02d}")
    html = client.get("/inventory/", {"kind": "course"}).content.decode()
    assert "Page 1 of 2" in html
    assert "?kind=course&amp;page=2" in html


def test_item_detail_shows_the_recommendations_it_responds_to(client):
    item = InventoryItemFactory(title="Remittance price database")
    RecommendationFactory(title="Lower remittance costs", inventory_items=[item])
    RecommendationFactory(title="A draft one", inventory_items=[item], live=False)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lower remittance costs" in html
    assert "A draft one" not in html


def test_draft_items_and_recommendations_are_not_public(client):
    item = InventoryItemFactory(live=False)
    rec = RecommendationFactory(live=False)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(rec.get_absolute_url()).status_code == 404


def test_recommendations_page_filters_by_meeting_theme_and_follow_up(client):
    from .factories import GFMDMeetingFactory

    theme = ThemeFactory(name="Remittances")
    quito = GFMDMeetingFactory(year=2019, host="Ecuador (Quito)")
    berlin = GFMDMeetingFactory(year=2017, host="Germany (Berlin)")
    RecommendationFactory(
        title="Quito one", meeting=quito, themes=[theme], follow_up_status="implemented"
    )
    RecommendationFactory(title="Berlin one", meeting=berlin, follow_up_status="not_started")
    html = client.get("/recommendations/", {"meeting": "2019"}).content.decode()
    assert "Quito one" in html
    assert "Berlin one" not in html
    assert "GFMD 2019 — Ecuador (Quito)" in html
    html = client.get("/recommendations/", {"theme": theme.slug}).content.decode()
    assert "Quito one" in html
    assert "Berlin one" not in html
    html = client.get("/recommendations/", {"follow_up_status": "not_started"}).content.decode()
    assert "Berlin one" in html
    assert "Quito one" not in html
    assert client.get("/recommendations/", {"meeting": "1999"}).status_code == 400


def test_recommendation_detail_lists_the_published_items_that_respond(client):
    item = InventoryItemFactory(title="Skills passport")
    hidden = InventoryItemFactory(title="Hidden draft", live=False)
    rec = RecommendationFactory(inventory_items=[item, hidden])
    html = client.get(rec.get_absolute_url()).content.decode()
    assert "Skills passport" in html
    assert "Hidden draft" not in html


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_gives_back_the_same_data(client, fmt, philippines, south_eastern_asia):
    theme = ThemeFactory()
    InventoryItemFactory(
        external_id="round-trip",
        title="Round trip",
        target_countries=[philippines],
        target_regions=[south_eastern_asia],
        themes=[theme],
        languages=["en", "fil"],
        replicable_components=["a; b", "c"],
        certification=True,
        cohort_year=2024,
        url="https://example.org",
    )
    InventoryItemFactory(external_id="other-country")
    response = client.get(f"/inventory/export.{fmt}", {"country": "PH"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="inventory.{fmt}"'
    exported = response.content
    before = [
        exchange.item_record(i) for i in InventoryItem.objects.filter(external_id="round-trip")
    ]
    InventoryItem.objects.all().delete()
    result = inventory_import(fileobj=exported)
    assert result.created["items"] == 1
    after = [exchange.item_record(i) for i in InventoryItem.objects.all()]
    assert after == before


def test_recommendation_export_round_trips(client):
    item = InventoryItemFactory(external_id="inv-a")
    RecommendationFactory(external_id="rec-a", inventory_items=[item], roundtable="RT 2.1")
    exported = client.get("/recommendations/export.csv").content
    before = [exchange.recommendation_record(r) for r in Recommendation.objects.all()]
    Recommendation.objects.all().delete()
    inventory_import(fileobj=exported)
    assert [exchange.recommendation_record(r) for r in Recommendation.objects.all()] == before


def test_export_with_a_bad_filter_answers_400(client):
    response = client.get("/inventory/export.json", {"kind": "seminar"})
    assert response.status_code == 400
    assert "kind: Unknown kind “seminar”." in response.content.decode()


IMPORT_URL = "/admin/inventory/import/"


def upload(records) -> SimpleUploadedFile:
    return SimpleUploadedFile("anything.txt", json.dumps(records).encode(), "text/plain")


def test_editor_imports_a_file_from_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(IMPORT_URL).status_code == 200
    response = client.post(
        IMPORT_URL,
        {"file": upload([{"external_id": "inv-up", "title": "Uploaded", "kind": "tool"}])},
        follow=True,
    )
    assert response.status_code == 200
    assert "Inventory items: 1 created" in response.content.decode()
    assert InventoryItem.objects.get(external_id="inv-up").live


def test_admin_import_button_is_a_visible_text_label_not_a_bare_icon(client, editor):
    client.force_login(editor)
    html = client.get(IMPORT_URL).content.decode()
    button = re.search(r'<button type="submit"[^>]*>(.*?)</button>', html, re.S)
    assert button, html
    assert button.group(1).strip() == "Import"
    assert "<svg" not in button.group(1)


def test_admin_import_shows_each_bad_row_and_writes_nothing(client, editor):
    client.force_login(editor)
    records = [
        {"external_id": "inv-1", "title": "One", "kind": "tool", "target_countries": ["XX"]},
        {"external_id": "inv-2", "title": "Two", "kind": "tool", "start_date": "2024-02-31"},
    ]
    response = client.post(IMPORT_URL, {"file": upload(records)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "record 1, field “target_countries”: unknown country code “XX”" in html
    assert "record 2, field “start_date”: “2024-02-31” is not a date" in html
    assert "Nothing was imported" in html
    assert not InventoryItem.objects.exists()


def test_members_without_permission_cannot_import(client, member):
    member.is_staff = True
    member.save()
    client.force_login(member)
    response = client.get(IMPORT_URL)
    assert response.status_code in (302, 403)
    assert not InventoryItem.objects.exists()


def test_editor_sees_inventory_snippets_in_the_admin(client, editor):
    InventoryItemFactory(title="Listed in admin")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_inventory_inventoryitem:list"))
    assert response.status_code == 200
    assert "Listed in admin" in response.content.decode()


def test_item_and_recommendation_pages_list_their_published_case_studies(client, db):
    from tests.casestudies.factories import CaseStudyPageFactory
    from tests.inventory.factories import InventoryItemFactory, RecommendationFactory

    item = InventoryItemFactory()
    recommendation = RecommendationFactory()
    live = CaseStudyPageFactory(title="Remittance literacy in the Philippines")
    draft = CaseStudyPageFactory(title="An unpublished draft", publish=False)
    for page in (live, draft):
        page.inventory_items.add(item)
        page.recommendations.add(recommendation)
        page.save()

    for url in (item.get_absolute_url(), recommendation.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Remittance literacy in the Philippines" in html
        assert "An unpublished draft" not in html
