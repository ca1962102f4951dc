"""Settings for the load and fault benchmarks: production, served over plain HTTP on
loopback.

Everything else (DEBUG off, the per-worker connection pool, the manifest static storage, the
Redis cache and channel layer, Elasticsearch) is production's, so the figures are the
ones a deployment would see. Only what needs TLS is turned off: the HTTPS redirect,
HSTS and secure-only cookies (a client on ``http://127.0.0.1`` never sends those back),
and the per-client rate limits.
"""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Every simulated reader comes from 127.0.0.1, so the per-client limits would measure
# the limiter, not the site (a deployment sees each reader's own address).
RATE_LIMITS_ENABLED = False
