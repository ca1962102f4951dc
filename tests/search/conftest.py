"""Search fixtures: a fresh index prefix per test on the real Elasticsearch node (so
tests never see each other's documents), the database backend, a stopped node, and a
throw-away searchable type for group content (forum topics land on another branch)."""

import itertools
import uuid

import pytest
from django.db.models import Q

from community.models import Group
from search import backends, registry, signals
from search.registry import Searchable, SearchDocument

_counter = itertools.count()


@pytest.fixture(scope="session")
def session_prefix(elasticsearch_url):
    prefix = f"test_search_{uuid.uuid4().hex[:8]}"
    yield prefix
    from elasticsearch import Elasticsearch

    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    names = list(client.indices.get(index=f"{prefix}*", allow_no_indices=True))
    for start in range(0, len(names), 50):
        client.indices.delete(index=",".join(names[start : start + 50]), ignore_unavailable=True)


def _reset():
    backends.get_client.cache_clear()
    backends.circuit.reset()


@pytest.fixture
def es(settings, elasticsearch_url, session_prefix):
    """Elasticsearch configured, with indexes of this test only. Yields the client."""
    prefix = f"{session_prefix}_{next(_counter)}"
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 10.0,
        "MAX_RETRIES": 1,
        "REFRESH_ON_WRITE": True,
        "LANGUAGE_ANALYZERS": False,
    }
    _reset()
    client = backends.get_client()
    yield client
    names = list(client.indices.get(index=f"{prefix}-*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    _reset()


@pytest.fixture
def db_backend(settings):
    """No cluster configured: the database backend answers."""
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": "", "INDEX_PREFIX": "test_db"}
    _reset()
    yield
    _reset()


@pytest.fixture
def es_stopped(settings, session_prefix):
    """A configured node that is not running: nothing listens on this loopback port."""
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "INDEX_PREFIX": f"{session_prefix}_stopped",
        "TIMEOUT": 0.5,
        "MAX_RETRIES": 0,
        "REFRESH_ON_WRITE": True,
    }
    _reset()
    yield
    _reset()


class GroupContentSearchable(Searchable):
    """Stands for content that belongs to a group (a forum topic): one document per
    group, carrying the group's id and privacy like a topic would."""

    type = "groupcontent"
    model = Group
    label = "Group discussion"
    label_plural = "Group discussions"
    group_path = "pk"

    def get_queryset(self):
        return Group.objects.filter(~Q(description=""))

    def document(self, obj):
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=f"Discussion in {obj.name}",
            body=obj.description,
            group_id=obj.pk,
            group_public=obj.is_public,
            themes=["remittances"],
        )


@pytest.fixture
def group_content_type():
    registry.register(GroupContentSearchable)
    signals.connect()
    yield registry.get_searchable("groupcontent")
    registry.unregister("groupcontent")
