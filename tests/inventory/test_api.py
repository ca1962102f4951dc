"""The read-only JSON API and its OpenAPI schema."""

import pytest
import schemathesis
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    InventoryItemFactory,
    OrganisationFactory,
    RecommendationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_inventory_api_lists_published_items_with_reasons(client, south_eastern_asia):
    InventoryItemFactory(external_id="sea", title="SEA course", target_regions=[south_eastern_asia])
    InventoryItemFactory(external_id="draft", live=False, target_regions=[south_eastern_asia])
    response = client.get("/api/v1/inventory/", {"country": "PH"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["results"]
    assert item["external_id"] == "sea"
    assert item["target_regions"] == [{"code": "035", "name": "South-eastern Asia"}]
    assert item["matched_because"] == ["Targets South-eastern Asia, which includes Philippines."]
    assert item["url"] == "http://testserver/inventory/sea/"


def test_inventory_api_detail_by_external_id(client):
    InventoryItemFactory(external_id="inv-x", title="X", url="https://example.org/x")
    body = client.get("/api/v1/inventory/inv-x/").json()
    assert body["title"] == "X"
    assert body["web_address"] == "https://example.org/x"
    assert client.get("/api/v1/inventory/missing/").status_code == 404


def test_recommendation_api_filters_and_lists_responding_items(client):
    theme = ThemeFactory()
    item = InventoryItemFactory(external_id="inv-r")
    RecommendationFactory(external_id="rec-1", themes=[theme], inventory_items=[item])
    RecommendationFactory(external_id="rec-2")
    body = client.get("/api/v1/recommendations/", {"theme": theme.slug, "meeting": 2019}).json()
    assert [r["external_id"] for r in body["results"]] == ["rec-1"]
    assert body["results"][0]["meeting"] == {"year": 2019, "host": "Ecuador (Quito)"}
    assert body["results"][0]["inventory_items"][0]["external_id"] == "inv-r"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"country": "XX"}, "country", "Unknown country code “XX”"),
        ({"kind": "seminar"}, "kind", "Unknown kind “seminar”."),
        ({"date_to": "31/12/2024"}, "date_to", "Enter a valid date."),
        ({"region": "abc"}, "region", "Unknown region code “abc”"),
        ({"theme": "nope"}, "theme", "Unknown theme “nope”."),
        ({"sort": "price"}, "sort", "price"),
    ],
)
def test_inventory_api_answers_400_naming_the_bad_parameter(client, params, field, message):
    response = client.get("/api/v1/inventory/", params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert message in body[field][0]


def test_recommendation_api_answers_400_for_unknown_follow_up_status(client):
    response = client.get("/api/v1/recommendations/", {"follow_up_status": "done"})
    assert response.status_code == 400
    assert response.json() == {"follow_up_status": ["Unknown follow-up status “done”."]}


def test_page_size_is_capped_at_100(client):
    for _ in range(3):
        InventoryItemFactory()
    body = client.get("/api/v1/inventory/", {"page_size": 1000}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 3


def test_api_query_count_does_not_grow_with_page_size(client, philippines):
    theme = ThemeFactory()
    provider = OrganisationFactory()
    for _ in range(12):
        InventoryItemFactory(target_countries=[philippines], themes=[theme], providers=[provider])
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                "/api/v1/inventory/", {"page_size": size, "country": "PH", "theme": theme.slug}
            )
        assert len(response.json()["results"]) == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_recommendation_api_query_count_does_not_grow_with_page_size(client):
    for _ in range(8):
        RecommendationFactory(inventory_items=[InventoryItemFactory()], themes=[ThemeFactory()])
    counts = []
    for size in (1, 8):
        with CaptureQueriesContext(connection) as ctx:
            client.get("/api/v1/recommendations/", {"page_size": size})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_openapi_schema_validates_and_describes_the_filters(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    loaded = schemathesis.openapi.from_dict(schema)
    loaded.validate()  # against the OpenAPI 3 meta-schema; raises on any violation
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/v1/inventory/",
        "/api/v1/inventory/{external_id}/",
        "/api/v1/recommendations/",
        "/api/v1/recommendations/{external_id}/",
    }
    params = {p["name"] for p in schema["paths"]["/api/v1/inventory/"]["get"]["parameters"]}
    assert {
        "country",
        "region",
        "sector",
        "theme",
        "audience",
        "kind",
        "status",
        "delivery_mode",
        "language",
        "date_from",
        "date_to",
        "certification",
        "replicable_in",
        "page",
        "page_size",
    } <= params
    assert "/api/v1/recommendations/{external_id}/" in schema["paths"]
