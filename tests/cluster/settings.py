"""Settings of the application hosts that tests/cluster/ starts: production (over plain
HTTP, as the benchmarks serve it), with the site's own rate limits on, since counting
hits on a shared Redis across hosts is one of the things under test. Static files are
served from the finders so that no ``collectstatic`` run is needed."""

from tests.bench.settings import *  # noqa: F403

RATE_LIMITS_ENABLED = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
