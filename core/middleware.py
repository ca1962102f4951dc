"""Security headers that Django 5.2 does not set itself.

The Content-Security-Policy allows scripts only from this site (no inline scripts, no
``unsafe-inline``): the front end keeps its JavaScript in static files for this reason.
Wagtail's admin ships inline scripts, so ``/admin/`` gets a policy that allows them
while still forbidding framing and foreign origins.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from core.exceptions import NotFound

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Inline style attributes (bar widths in charts, map positions) are harmless next to
    # a script policy without 'unsafe-inline'.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "media-src": "'self' https:",
    "connect-src": "'self' ws: wss:",
    "frame-src": "'self' https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
ADMIN_POLICY = {
    **SITE_POLICY,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
}


def _serialise(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


SITE_CSP = _serialise(SITE_POLICY)
ADMIN_CSP = _serialise(ADMIN_POLICY)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_admin = request.path.startswith(("/admin/", "/django-admin/"))
        policy = ADMIN_CSP if is_admin else SITE_CSP
        # A form whose answer redirects to another origin (a sign-in button posting to
        # our view, which sends the browser to the organisation's identity provider) is
        # blocked by form-action unless that origin is listed; pages that render such a
        # form name the origins in ``request.csp_form_action``.
        extra = sorted(getattr(request, "csp_form_action", ()) or ())
        if extra and not is_admin:
            policy = _serialise({**SITE_POLICY, "form-action": " ".join(["'self'", *extra])})
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not settings.DEBUG:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


class NotFoundMiddleware:
    """Answer a selector's :class:`core.exceptions.NotFound` with the site's 404 page, so
    that views need not translate it one by one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            raise Http404(str(exception) or "not found") from exception


class HostHeaderMiddleware:
    """A request without a ``Host`` header (HTTP/1.0, some probes) gets the host Django
    resolved for it (``SERVER_NAME``, already checked against ``ALLOWED_HOSTS``), so that
    libraries that read ``HTTP_HOST`` directly — python3-saml, behind allauth's SAML
    views — answer instead of failing with a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "HTTP_HOST" not in request.META:
            request.META["HTTP_HOST"] = request.get_host()
        return self.get_response(request)
