"""The JSON API is one router (``config/api_router.py``) mounted once at ``/api/v1/``,
outside the language prefixes, and its OpenAPI schema documents every route of it."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from config import api_router
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"


def _openapi(route: str) -> str:
    """A Django route in OpenAPI's spelling: ``<slug:external_id>`` → ``{external_id}``."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return "/" + route.replace("^", "").replace("$", "").replace("{pk}", "{id}")


def _api_routes() -> set[str]:
    """Every route the resolver serves with ``api/v1/`` in it, apart from the schema."""
    routes = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "api/v1/" in route:
                routes.add(_openapi(route))

    walk(get_resolver().url_patterns, "")
    return routes - {SCHEMA}


def test_api_is_mounted_once_outside_the_language_prefixes():
    mounted = [route for route in _api_routes() if not route.startswith("/api/v1/")]
    assert mounted == []


@pytest.mark.parametrize(
    "path",
    [
        "/fr/api/v1/inventory/",
        "/es/api/v1/recommendations/",
        "/fr/api/v1/search/?q=remittance",
        "/fr/api/v1/related/inventoryitem/1/",
        "/fr/api/v1/schema/",
    ],
)
def test_language_prefixed_api_paths_answer_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/api/v1/inventory/", "/api/v1/recommendations/", "/api/v1/search/?q=remittance", SCHEMA],
)
def test_api_answers_at_its_one_mount_point(client, path):
    InventoryItemFactory(external_id="ph-orientation")
    RecommendationFactory(external_id="rec-2019-1")
    assert client.get(path).status_code == 200


def test_schema_lists_every_route_of_the_router(client):
    schema = client.get(SCHEMA, HTTP_ACCEPT="application/json").json()
    assert set(schema["paths"]) == _api_routes()


def test_every_api_route_comes_from_the_router():
    """No app mounts API views of its own."""
    declared = {_openapi(f"api/v1/{pattern.pattern}") for pattern in api_router.urlpatterns}
    assert _api_routes() == declared - {SCHEMA}
