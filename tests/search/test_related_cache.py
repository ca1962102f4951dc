"""The *Related* block is cached between readers (it was half of a case-study page under
load), and a cached answer never outlives a change, crosses a visibility boundary or
hides that search fell back."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory

from community.models import Group
from search.backends import SearchBackendHandle

from .factories import GroupFactory, InventoryItemFactory, MembershipFactory, ThemeFactory, country

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load search_tags %}{% related_items obj %}")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def computed(monkeypatch):
    """Counts how often Related is actually computed."""
    calls = []
    original = SearchBackendHandle.related

    def counting(self, obj, **kwargs):
        calls.append(obj.pk)
        return original(self, obj, **kwargs)

    monkeypatch.setattr(SearchBackendHandle, "related", counting)
    return calls


@pytest.fixture
def items(db_backend, django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    with django_capture_on_commit_callbacks(execute=True):
        source = InventoryItemFactory(
            title="Philippine remittance savings scheme",
            themes=[remittances],
            target_countries=[country("PH")],
        )
        neighbour = InventoryItemFactory(
            title="Remittance-linked microfinance in Manila",
            themes=[remittances],
            target_countries=[country("PH")],
        )
    return source, neighbour, remittances


def _render(obj, user=None) -> str:
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    else:
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    return TEMPLATE.render(Context({"obj": obj, "request": request}))


def test_related_items_are_computed_once_for_two_anonymous_readers(items, computed):
    source, neighbour, _ = items

    first = _render(source)
    second = _render(source)

    assert neighbour.title in first
    assert second == first
    assert computed == [source.pk]


def test_related_items_are_recomputed_after_a_searchable_change(
    items, computed, django_capture_on_commit_callbacks
):
    source, _, remittances = items
    _render(source)
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(
            title="Savings groups for returning workers",
            themes=[remittances],
            target_countries=[country("PH")],
        )

    html = _render(source)

    assert "Savings groups for returning workers" in html
    assert computed == [source.pk, source.pk]


def test_related_items_are_not_shared_between_viewers_who_see_different_groups(
    items, computed, member
):
    source, _, _ = items
    MembershipFactory(group=GroupFactory(privacy=Group.Privacy.PRIVATE), user=member)

    _render(source)
    _render(source, user=member)

    assert computed == [source.pk, source.pk]


def test_related_items_that_fell_back_to_the_database_are_not_cached(items, computed, monkeypatch):
    source, _, _ = items
    original = SearchBackendHandle.related

    def fell_back(self, obj, **kwargs):
        answer = original(self, obj, **kwargs)
        answer.incomplete = True
        return answer

    monkeypatch.setattr(SearchBackendHandle, "related", fell_back)
    first = _render(source)
    _render(source)

    assert "related items may be incomplete" in first
    # Both renders computed the answer: nothing incomplete was kept for the next reader.
    assert cache.get("search:related") is None
    assert not [k for k in cache._cache if "search:related" in str(k)]


def test_related_items_render_when_the_cache_is_unreachable(items, computed, monkeypatch):
    source, neighbour, _ = items

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(cache, name, unreachable)

    html = _render(source) + _render(source)

    assert html.count(neighbour.title) == 2
    assert computed == [source.pk, source.pk]
