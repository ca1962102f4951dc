"""Settings for the load and fault benchmarks: production, served over plain HTTP on
loopback.

Everything else (DEBUG off, persistent connections, the manifest static storage, the
Redis cache and channel layer, Elasticsearch) is production's, so the figures are the
ones a deployment would see. Only what needs TLS is turned off: the HTTPS redirect,
HSTS and secure-only cookies (a client on ``http://127.0.0.1`` never sends those back).
"""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
