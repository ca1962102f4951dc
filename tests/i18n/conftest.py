from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


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
