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
            item.stash[_TRANSACTIONAL] = True


_TRANSACTIONAL = pytest.StashKey[bool]()
_db_blocker = []


@pytest.fixture(scope="session", autouse=True)
def _remember_db_blocker(django_db_blocker):
    _db_blocker.append(django_db_blocker)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Django reloads the serialized state at the *start* of the next transactional
    test; a plain test scheduled after this one (xdist hands out whole files in any
    order) would find the tables empty. Reload right after the flush instead."""
    yield
    if nextitem is None or not item.stash.get(_TRANSACTIONAL, False) or not _db_blocker:
        return  # after the last test the test database is already gone
    from django.db import connections

    with _db_blocker[0].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:26379/0")
    if not _reachable(url):
        pytest.fail(f"Redis is not reachable at {url}: run the suite with `make test`.")
    return url


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:29200")
    if not _reachable(url):
        pytest.fail(f"Elasticsearch is not reachable at {url}: run the suite with `make test`.")
    return url


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def redis_channel_layer(settings, redis_url):
    """Switch the channel layer to the real Redis layer production uses for this test."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "forums.layers.LocalFanoutChannelLayer",
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


PUBLIC_SITE_URL = "https://commons.example.org"


@pytest.fixture
def public_site(db, settings):
    """The site configured to live at ``PUBLIC_SITE_URL`` (not the host the test client
    calls), with both Site rows synced as ``migrate`` does in a deployment."""
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site as WagtailSite

    from core.addresses import sites_sync

    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = PUBLIC_SITE_URL
    sites_sync()
    yield PUBLIC_SITE_URL
    # The rows go back with the test's transaction; their caches must follow.
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Site-wide data is cached (``core.versioned``: sites, privacy restrictions, the
    taxonomy) and made stale by the signals of a change; a test's rows go back with
    its transaction, which sends none, so each test starts with an empty cache."""
    from django.core.cache import cache

    from core.versioned import forget_all

    cache.clear()
    forget_all()


@pytest.fixture(autouse=True)
def _fresh_search_vocabulary():
    """The query vocabulary (glossary, taxonomy names) is cached per process; a test's
    rows go back with its transaction, so the next test reads them afresh."""
    from search.understanding import forget_local

    forget_local()
