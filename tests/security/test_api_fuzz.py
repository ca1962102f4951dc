"""API fuzzing: Schemathesis generates requests for every operation of the published
OpenAPI schema (/api/v1/schema/), valid and invalid, and the API must never answer
with a server error. Bounded to a few examples per operation so it runs in a couple
of minutes."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.inventory.factories import InventoryItemFactory, RecommendationFactory

# Loaded from the application itself, so the schema tested is the one clients download.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _rows(db):
    """A little data, so that list and detail operations have rows to show; and, as
    Django's test client does, the test's connection is kept open across requests
    (the WSGI handler would close it, and the test transaction with it)."""
    InventoryItemFactory(external_id="ph-orientation")
    RecommendationFactory(external_id="rec-2019-1")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_answers_with_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
