"""The test suite: the real services (PostgreSQL, Redis, Elasticsearch) started by scripts/."""

from .base import *  # noqa: F403

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://commons:commons@127.0.0.1:25432/commons")
}
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DB_DISABLE_SERVER_SIDE_CURSORS  # noqa: F405
# Browser tests run the site in another process and read its mail from files.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "test-mail"))  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEARCH["INDEX_PREFIX"] = env("SEARCH_INDEX_PREFIX", default="test_pc")  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits are tested explicitly where they matter; elsewhere they would make
# independent tests depend on each other through the shared cache.
ACCOUNT_RATE_LIMITS = False
RATE_LIMITS_ENABLED = False
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
# Most tests write with factories (no publish signal) and read anonymously: the page
# cache is tested where it matters (tests/core/test_page_cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
# The browser tests' server serves static files straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
