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

# Organisation sign-in in the demo: scripts/demo.sh starts the test OpenID Provider
# (tests/e2e/oidc_provider.mjs, once `npm ci --prefix tests/e2e` has installed it) and
# sets DEMO_OIDC_URL; the log-in page then shows "Sign in with International Labour
# Organization" (community/demo ties the provider to the ILO). Any login works there.
DEMO_OIDC_URL = env("DEMO_OIDC_URL", default="")  # noqa: F405
if DEMO_OIDC_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(  # noqa: F405
        {
            "provider_id": "demo-ilo",
            "name": "Demo ILO sign-in",
            "client_id": "practice-commons-demo",
            "secret": env("DEMO_OIDC_SECRET", default="demo-oidc-secret"),  # noqa: F405
            "settings": {"server_url": DEMO_OIDC_URL},
        }
    )
