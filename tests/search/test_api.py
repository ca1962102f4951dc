"""``GET /api/v1/search/`` and ``GET /api/v1/related/<type>/<id>/``."""

import pytest

from .factories import (
    GroupFactory,
    InventoryItemFactory,
    RecommendationFactory,
    ThemeFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(
            title="Remittance cost calculator",
            description="Compare remittance fees.",
            themes=[remittances],
            target_countries=[country("PH")],
            cohort_year=2023,
        )
        RecommendationFactory(
            title="Cheaper remittances", text="Lower remittance costs.", themes=[remittances]
        )
        InventoryItemFactory(title="Return handbook", target_countries=[country("SN")])
    return item


def _api_contract(client):
    response = client.get("/api/v1/search/", {"q": "remittance", "type": "inventoryitem"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert body["query"] == "remittance"
    assert body["page"] == 1
    assert body["pages"] == 1
    (hit,) = body["results"]
    assert hit["title"] == "Remittance cost calculator"
    assert hit["type"] == "inventoryitem"
    assert "<mark>" in hit["title_highlight"]
    facets = {facet["name"]: facet for facet in body["facets"]}
    types = {v["value"]: v for v in facets["type"]["values"]}
    assert types["inventoryitem"]["selected"] is True
    assert types["recommendation"]["count"] == 1
    assert {v["value"]: v["count"] for v in facets["country"]["values"]} == {"PH": 1}
    return body


@pytest.mark.search
def test_search_api_answers_results_facets_and_total_on_elasticsearch(es, items, client):
    body = _api_contract(client)
    assert body["backend"] == "elasticsearch"
    assert body["incomplete"] is False


def test_search_api_answers_the_same_shape_on_the_database(db_backend, items, client):
    body = _api_contract(client)
    assert body["backend"] == "database"


@pytest.mark.search
def test_search_api_falls_back_and_flags_incomplete_when_the_node_is_stopped(
    es_stopped, items, client
):
    body = _api_contract(client)
    assert body["backend"] == "database"
    assert body["incomplete"] is True


@pytest.mark.search
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"type": "spaceship"}, "type"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"year": "last-year"}, "year"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "10001"}, "page"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 20_000}, "q"),
    ],
)
def test_search_api_rejects_bad_parameters_with_400_and_the_field(es, items, client, params, field):
    response = client.get("/api/v1/search/", params)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.search
@pytest.mark.parametrize(
    "q", ["remittance AND (", "a:b^2~ /x/ \\", "x" * 10_000, "remit\x00tance", "<script>"]
)
def test_search_api_answers_odd_queries_sensibly(es, items, client, q):
    response = client.get("/api/v1/search/", {"q": q})

    assert response.status_code == 200
    assert response.json()["incomplete"] is False


@pytest.mark.search
def test_search_api_survives_non_utf8_bytes(es, items, client):
    assert client.get("/api/v1/search/?q=%FF%FE%00remit").status_code == 200


@pytest.mark.search
def test_related_api_lists_sections_with_reasons(es, items, client):
    response = client.get(f"/api/v1/related/inventoryitem/{items.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == "elasticsearch"
    sections = {section["type"]: section for section in body["sections"]}
    assert list(sections) == ["inventoryitem", "recommendation", "casestudy"]
    (recommendation,) = sections["recommendation"]["items"]
    assert recommendation["title"] == "Cheaper remittances"
    assert recommendation["reasons"] == ["Shared theme: Remittances"]


def test_related_api_on_the_database(db_backend, items, client):
    body = client.get(f"/api/v1/related/inventoryitem/{items.pk}/").json()

    assert body["backend"] == "database"
    assert [s["type"] for s in body["sections"]] == ["inventoryitem", "recommendation", "casestudy"]


@pytest.mark.search
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/related/spaceship/1/",
        "/api/v1/related/inventoryitem/999999/",
        "/api/v1/related/inventoryitem/99999999999999999999999/",
        "/api/v1/related/group/1/",
    ],
)
def test_related_api_answers_404_for_unknown_things(es, items, client, path):
    assert client.get(path).status_code == 404


@pytest.mark.search
def test_related_api_hides_unpublished_items(es, items, client):
    draft = InventoryItemFactory(live=False)

    assert client.get(f"/api/v1/related/inventoryitem/{draft.pk}/").status_code == 404


def test_related_api_hides_private_group_content_from_non_members(
    db_backend, group_content_type, client, other_member
):
    group_content_type.related_types = ("groupcontent",)
    private = GroupFactory(privacy="private", description="Notes.")

    client.force_login(other_member)
    assert client.get(f"/api/v1/related/groupcontent/{private.pk}/").status_code == 404


def test_openapi_schema_documents_search_and_related(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/search/" in text
    assert "/api/v1/related/{type_name}/{id}/" in text
