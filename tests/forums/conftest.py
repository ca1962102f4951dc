import asyncio
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and presence live in the cache; tests start from zero. Each
    test starts in English: a request under /fr/ leaves French active in the thread, and
    ``reverse()`` would then build /fr/ URLs."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


@pytest.fixture
def memory_channel_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def _foreign_loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Once the browser tests have run, Playwright's sync API keeps an event loop running
    in the main thread for the rest of the session, and Django's async-safety guard then
    refuses the plain synchronous ORM calls of fixtures (database flush, factories).
    Nothing here runs inside that loop, so for these tests the guard is lifted, exactly
    as the browser tests do for themselves."""
    lift = _foreign_loop_running() and "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ
    if lift:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if lift:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
