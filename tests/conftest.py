"""Fixtures shared by the whole suite: people, a throw-away MEDIA_ROOT, and the real
services (Redis channel layer, Elasticsearch) that the README's test command starts.

In CI (``CI=true``) a service that cannot be reached fails the run: no test is ever
skipped for want of a service.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group

from tests.community.factories import UserFactory


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database afterwards, which would also wipe what the
    data migrations loaded (countries, regions, the Wagtail page tree, permission groups).
    Serialized rollback restores it, so every test starts from the migrated state."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            "transactional_db" in getattr(item, "fixturenames", ())
        )
        if transactional:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:56379/0")
    if not _reachable(url):
        pytest.fail(f"Redis is not reachable at {url}: run the suite with `make test`.")
    return url


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:59200")
    if not _reachable(url):
        pytest.fail(f"Elasticsearch is not reachable at {url}: run the suite with `make test`.")
    return url


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def redis_channel_layer(settings, redis_url):
    """Switch the channel layer to the real Redis layer for this test."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": f"test-{os.getpid()}"},
        }
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def member(db):
    return UserFactory(profile__display_name="Mateo Member")


@pytest.fixture
def other_member(db):
    return UserFactory(profile__display_name="Amina Peer")


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True, profile__display_name="Elena Editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(is_staff=True, profile__display_name="Moses Moderator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True, profile__display_name="Ada Admin")
