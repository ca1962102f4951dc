"""The one-command demo: SQLite, in-memory channel layer, database search, console mail."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)
INTERNAL_IPS = ["127.0.0.1"]
# scripts/demo.sh serves the site on DEMO_HOST:DEMO_PORT; links in mails, feeds and the
# sitemap point there unless SITE_URL says otherwise.
SITE_URL = env(  # noqa: F405
    "SITE_URL",
    default=f"http://{env('DEMO_HOST', default='127.0.0.1')}:{env('DEMO_PORT', default='8000')}",  # noqa: F405
)
WAGTAILADMIN_BASE_URL = SITE_URL
# The demo console shows the log-ins, the requests and the emails sent (console
# backend), not a line for every background task and page revision of the seed.
LOGGING["loggers"].update(  # noqa: F405
    {name: {"level": "WARNING"} for name in ("django_tasks", "wagtail", "modelsearch")}
)
