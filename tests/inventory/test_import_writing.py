"""The import's writes: a bounded number of statements per thousand rows, nothing
written for unchanged rows, and everything a save would set off still happening (search
documents, Wagtail's admin search, followers hearing of a new status)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision
from wagtail.search.backends import get_search_backend as wagtail_search_backend

from inventory.models import InventoryItem
from inventory.services import inventory_import
from search.backends import get_search_backend
from search.results import SearchParams
from tests.community.factories import notifications_page
from tests.search.conftest import db_backend, es, session_prefix  # noqa: F401 - fixtures

from .factories import ThemeFactory

pytestmark = pytest.mark.django_db

QUERIES_PER_IMPORT = 30  # whatever the number of rows up to a batch of 1,000


@pytest.fixture
def theme(db):
    return ThemeFactory(slug="labour-migration", name="Labour migration")


def records(n: int, **overrides) -> list[dict]:
    return [
        {
            "external_id": f"gen-{i:04d}",
            "title": f"Seafarer orientation {i}",
            "kind": "course",
            "target_countries": ["PH", "NP"] if i % 2 else ["PH"],
            "themes": ["labour-migration"],
            "languages": ["en"],
            **overrides,
        }
        for i in range(n)
    ]


def as_json(rows: list[dict]) -> bytes:
    return json.dumps(rows).encode()


def test_importing_a_thousand_rows_takes_a_bounded_number_of_queries(
    theme, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERIES_PER_IMPORT):
        result = inventory_import(fileobj=as_json(records(1000)))
    assert result.created["items"] == 1000
    item = InventoryItem.objects.get(external_id="gen-0001")
    assert sorted(c.code for c in item.target_countries.all()) == ["NP", "PH"]
    assert item.live_revision_id == item.latest_revision_id is not None
    assert item.live_revision.content["title"] == "Seafarer orientation 1"
    assert ModelLogEntry.objects.filter(object_id=str(item.pk)).count() == 2


def test_updating_a_thousand_rows_takes_a_bounded_number_of_queries(
    theme, django_assert_max_num_queries
):
    inventory_import(fileobj=as_json(records(1000)))
    with django_assert_max_num_queries(QUERIES_PER_IMPORT + 10):
        result = inventory_import(fileobj=as_json(records(1000, status="planned")))
    assert result.updated["items"] == 1000
    assert set(InventoryItem.objects.values_list("status", flat=True)) == {"planned"}


def test_reimporting_an_unchanged_file_writes_no_revision_or_log_entry(theme):
    inventory_import(fileobj=as_json(records(5)))
    before = (Revision.objects.count(), ModelLogEntry.objects.count())
    result = inventory_import(fileobj=as_json(records(5)))
    assert result.unchanged["items"] == 5
    assert (Revision.objects.count(), ModelLogEntry.objects.count()) == before


def _search(q: str):
    return get_search_backend().search(SearchParams(q=q, filters={}), viewer=None)


@pytest.mark.search
@pytest.mark.parametrize("backend", ["es", "db_backend"])
def test_every_imported_row_is_searchable_after_the_commit(
    request, backend, theme, django_capture_on_commit_callbacks
):
    request.getfixturevalue(backend)
    with django_capture_on_commit_callbacks(execute=True):
        inventory_import(fileobj=as_json(records(30)))
    assert _search("seafarer").total == 30
    with django_capture_on_commit_callbacks(execute=True):
        inventory_import(fileobj=as_json(records(30, title="Diaspora bonds toolkit")))
    assert _search("diaspora").total == 30
    assert _search("seafarer").total == 0


def test_imported_rows_are_in_wagtails_admin_search(theme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inventory_import(fileobj=as_json(records(3, title="Remittance literacy course")))
    found = wagtail_search_backend().search("remittance", InventoryItem)
    assert sorted(item.external_id for item in found) == ["gen-0000", "gen-0001", "gen-0002"]


def test_followers_hear_when_an_import_changes_the_status(client, member, theme):
    inventory_import(fileobj=as_json(records(1, title="Pre-departure seminar")))
    item = InventoryItem.objects.get()
    client.force_login(member)
    client.post(reverse("community:follow", args=["inventory-item", item.pk]), {"action": "follow"})
    inventory_import(fileobj=as_json(records(1, title="Pre-departure seminar", status="archived")))
    assert "“Pre-departure seminar” is now archived" in notifications_page(member)
