import pytest
from django.db import connection

from search import backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def elasticsearch_configured(settings, elasticsearch_url):
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": elasticsearch_url}
    backends.get_client.cache_clear()
    yield
    backends.get_client.cache_clear()


@pytest.fixture
def elasticsearch_stopped(settings):
    """A node that is not running: nothing listens on this loopback port."""
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "TIMEOUT": 0.5,
        "MAX_RETRIES": 0,
    }
    backends.get_client.cache_clear()
    yield
    backends.get_client.cache_clear()


def test_health_reports_every_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["channel_layer"] == "ok"
    assert body["search"]["status"] == "ok"


def test_health_reports_database_search_when_no_cluster_is_configured(client, settings):
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": ""}
    body = client.get("/healthz").json()
    assert body["search"] == {"configured": "database", "active": "database", "status": "ok"}


def test_health_reports_elasticsearch_when_configured(client, elasticsearch_configured):
    body = client.get("/healthz").json()
    assert body["search"] == {
        "configured": "elasticsearch",
        "active": "elasticsearch",
        "status": "ok",
    }


def test_health_reports_stopped_elasticsearch_and_fallback(client, elasticsearch_stopped):
    response = client.get("/healthz")
    assert response.status_code == 200  # search may be down; the site may not
    body = response.json()
    assert body["search"]["configured"] == "elasticsearch"
    assert body["search"]["active"] == "database"
    assert body["search"]["status"].startswith("error")


@pytest.mark.realtime
def test_health_checks_the_redis_channel_layer(client, redis_channel_layer):
    assert client.get("/healthz").json()["channel_layer"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_the_database_is_down(client):
    """Point the live connection at a port where no PostgreSQL listens."""
    connection.close()
    original_port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = "9"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"].startswith("error")
    assert "password" not in response.content.decode()
