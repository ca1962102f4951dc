"""How the site reaches a production cluster (``search/connection.py``) and what it says
when the cluster answers for only part of the site's shards."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from elasticsearch import Elasticsearch

from search import backends, connection
from search.documents import alias_name, index_body

from .factories import InventoryItemFactory, RecommendationFactory


def _search_settings(settings, **values):
    settings.SEARCH = {**settings.SEARCH, **values}
    backends.get_client.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_client():
    backends.get_client.cache_clear()
    yield
    backends.get_client.cache_clear()


def test_a_comma_separated_list_of_nodes_is_a_list_of_hosts(settings):
    _search_settings(
        settings, ELASTICSEARCH_URL="http://es01:9200, http://es02:9200,http://es03:9200"
    )
    assert connection.node_urls() == [
        "http://es01:9200",
        "http://es02:9200",
        "http://es03:9200",
    ]
    client = Elasticsearch(**connection.client_options())
    hosts = sorted(node.host for node in client.transport.node_pool.all())
    assert hosts == ["es01", "es02", "es03"]
    assert connection.is_configured()


@pytest.mark.parametrize("value", ["es01:9200", "http://", "ftp://es01", "http://es01:9200,,nope"])
def test_a_value_the_client_cannot_use_fails_loudly(settings, value):
    _search_settings(settings, ELASTICSEARCH_URL=value)
    with pytest.raises(ImproperlyConfigured):
        connection.client_options()


def test_api_key_tls_and_ca_file_reach_the_client(settings, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("not read until a TLS connection is opened")
    _search_settings(
        settings,
        ELASTICSEARCH_URL="https://search.example.org:9243",
        API_KEY="a2V5OnNlY3JldA==",
        CA_CERTS=str(ca),
    )
    options = connection.client_options()
    assert options["hosts"] == ["https://search.example.org:9243"]
    assert options["api_key"] == "a2V5OnNlY3JldA=="
    assert options["ca_certs"] == str(ca)
    assert "basic_auth" not in options
    assert connection.describe() == "https://search.example.org:9243"


def test_basic_auth_and_a_cloud_id(settings):
    _search_settings(
        settings,
        ELASTICSEARCH_URL="",
        CLOUD_ID="commons:ZXUtd2VzdC0xLmF3cy5mb3VuZC5pbyRhYmMkZGVm",
        USERNAME="commons",
        PASSWORD="s3cret",
    )
    options = connection.client_options()
    assert options["cloud_id"].startswith("commons:")
    assert options["basic_auth"] == ("commons", "s3cret")
    assert "hosts" not in options
    assert connection.is_configured()
    assert "s3cret" not in connection.describe()


def test_index_settings_survive_the_loss_of_a_node_by_default(settings):
    _search_settings(settings, NUMBER_OF_REPLICAS=None, AUTO_EXPAND_REPLICAS="0-1")
    assert index_body()["settings"]["auto_expand_replicas"] == "0-1"
    assert "number_of_replicas" not in index_body()["settings"]
    _search_settings(settings, NUMBER_OF_REPLICAS=2, NUMBER_OF_SHARDS=3)
    assert index_body()["settings"]["number_of_replicas"] == 2
    assert index_body()["settings"]["number_of_shards"] == 3


@pytest.mark.django_db
@pytest.mark.search
def test_a_rebuilt_index_keeps_the_replica_setting(es, django_capture_on_commit_callbacks):
    from search.indexing import rebuild

    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(title="Remittance cost calculator")
    rebuild("inventoryitem")
    alias = alias_name("inventoryitem")
    (index,) = es.indices.get_alias(name=alias)
    assert (
        es.indices.get_settings(index=index)[index]["settings"]["index"]["auto_expand_replicas"]
        == "0-1"
    )


@pytest.fixture
def red_index(es, django_capture_on_commit_callbacks):
    """Recommendations live on an index whose only shard can be placed on no node, as
    when the one node holding it (with no replica) is lost: the cluster goes red."""
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(title="Remittance cost calculator")
    alias = alias_name("recommendation")
    index = f"{alias}-lost"
    body = index_body()
    body["settings"] = {
        **body["settings"],
        "index.routing.allocation.require._name": "a-node-that-is-gone",
    }
    es.indices.create(index=index, wait_for_active_shards=0, **body)
    es.indices.put_alias(index=index, name=alias)
    yield
    es.indices.delete(index=index, ignore_unavailable=True)


@pytest.mark.django_db
@pytest.mark.search
def test_an_answer_from_some_shards_is_flagged_incomplete_and_logged(red_index, client, caplog):
    with caplog.at_level(logging.WARNING, logger="search.queries"):
        body = client.get("/api/v1/search/", {"q": "remittance"}).json()
    assert body["backend"] == "elasticsearch"
    assert [hit["title"] for hit in body["results"]] == ["Remittance cost calculator"]
    assert body["incomplete"] is True
    assert "partial answer from Elasticsearch" in caplog.text

    page = client.get("/search/", {"q": "remittance"}).content.decode()
    assert "cost calculator" in page  # the title, highlighted
    assert "incomplete" in page.lower()


@pytest.mark.django_db
@pytest.mark.search
def test_health_agrees_with_what_search_does_when_the_cluster_is_red(red_index, client):
    body = client.get("/healthz").json()
    assert body["search"]["configured"] == "elasticsearch"
    assert body["search"]["active"] == "elasticsearch"  # it still answers, flagged
    assert body["search"]["status"].startswith("degraded: cluster red")
    assert body["status"] == "degraded"


@pytest.mark.django_db
@pytest.mark.search
def test_a_complete_answer_is_not_flagged(es, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        RecommendationFactory(title="Cheaper remittances", text="Lower remittance costs.")
    body = client.get("/api/v1/search/", {"q": "remittance"}).json()
    assert body["incomplete"] is False
    assert client.get("/healthz").json()["search"]["status"] == "ok"
