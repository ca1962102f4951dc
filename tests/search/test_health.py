"""``search.health``: the one question the site's health report asks of search."""

import pytest

from search.health import health

pytestmark = pytest.mark.django_db


def test_health_names_the_database_backend_when_no_cluster_is_configured(settings):
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": ""}
    assert health() == {"configured": "database", "active": "database", "status": "ok"}
