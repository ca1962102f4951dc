"""The suite's database paths through PgBouncer in transaction mode (``scripts/services.sh
pgbouncer-start``): ``make test-cluster`` points ``DATABASE_URL`` at the pooler for these
tests and for the forums and community suites, with server-side cursors off
(``DB_DISABLE_SERVER_SIDE_CURSORS``), as a deployment behind a pooler must run."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import psycopg
import pytest
from django.db import connection

from tests.conftest import _reachable
from tests.forums.factories import PostFactory, TopicFactory

pytestmark = [pytest.mark.cluster]


@pytest.fixture(scope="session")
def pgbouncer_url() -> str:
    url = os.environ.get("PGBOUNCER_URL", "")
    if not url or not _reachable(url):
        pytest.fail(
            f"PgBouncer is not running (PGBOUNCER_URL={url!r}): run `make test-cluster`, or "
            "`scripts/services.sh pgbouncer-start` and `eval $(scripts/services.sh pgbouncer-env)`."
        )
    return url


def test_the_tests_reach_postgresql_through_pgbouncer_in_transaction_mode(pgbouncer_url):
    assert int(connection.settings_dict["PORT"]) == urlparse(pgbouncer_url).port
    assert connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] is True
    with psycopg.connect(f"{pgbouncer_url}/pgbouncer", autocommit=True) as admin:
        config = {row[0]: row[1] for row in admin.execute("SHOW CONFIG").fetchall()}
    assert config["pool_mode"] == "transaction"


@pytest.mark.django_db(transaction=True)
def test_iterating_a_large_queryset_needs_no_server_side_cursor(pgbouncer_url):
    """``.iterator()`` would DECLARE a cursor that the next transaction's server
    connection does not have; with server-side cursors off it reads in one go."""
    topic = TopicFactory()
    PostFactory.create_batch(30, topic=topic)
    bodies = [post.body for post in topic.posts.order_by("pk").iterator(chunk_size=5)]
    assert len(bodies) == 31
