"""Which pages may open a WebSocket on this site.

**One rule, Django's own CSRF origin rule** (``CsrfViewMiddleware``): the handshake's
``Origin`` must be the site the browser asked for — the scheme (``https`` for ``wss``),
host *and port* of the ``Host`` header, whose host must be in ``ALLOWED_HOSTS`` — or one of
``CSRF_TRUSTED_ORIGINS`` (exact, or ``scheme://*.domain`` for subdomains), which is how a
deployment behind a proxy that rewrites ``Host`` or serves a non-standard public port
declares its public origin. A missing or ``null`` origin is refused.

Channels' ``AllowedHostsOriginValidator`` compares host names only, so any page served on
another port of an allowed host (``http://localhost:9999``) could open a socket with the
member's cookie; this validator replaces it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import is_same_domain, split_domain_port, validate_host


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            try:
                return value.decode("latin1")
            except UnicodeDecodeError:
                return None
    return None


def origin_allowed(scope) -> bool:
    origin = (_header(scope, b"origin") or "").strip().lower()
    if not origin or origin == "null":
        return False
    host = (_header(scope, b"host") or "").strip().lower()
    domain, _port = split_domain_port(host)
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    if domain and validate_host(domain, settings.ALLOWED_HOSTS) and origin == f"{scheme}://{host}":
        return True
    trusted = [o.lower() for o in settings.CSRF_TRUSTED_ORIGINS]
    if origin in trusted:
        return True
    try:
        parsed = urlsplit(origin)
    except ValueError:
        return False
    return any(
        parsed.scheme == pattern.scheme and is_same_domain(parsed.netloc, pattern.netloc[1:])
        for pattern in (urlsplit(o) for o in trusted if "*" in o)
    )


class SiteOriginValidator:
    """ASGI middleware: refuse WebSocket handshakes from any origin but the site's."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
