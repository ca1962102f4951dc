from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """Compile the committed .po catalogues when a .mo is missing or older, so that a
    plain ``pytest`` run renders French and Spanish (the build compiles them too; .mo
    files are not committed)."""
    locale_dir = Path(settings.BASE_DIR) / "locale"
    stale = [
        po
        for po in locale_dir.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command(
            "compilemessages",
            locale=[p.parts[-3] for p in stale],
            ignore_patterns=[".venv", ".cache", "node_modules", "var"],
            verbosity=0,
        )


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts in English with an empty cache: a request under /fr/ leaves
    French active in the thread (so ``page.url`` would carry /fr/), and Wagtail caches
    the site root paths of a site a rolled-back test has removed."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
