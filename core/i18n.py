"""Language choice: the URL prefix wins, then the member's saved choice, then the
visitor's cookie, then the browser's Accept-Language; English otherwise.

Django's LocaleMiddleware already handles the prefix, cookie and header for prefixed
URLs. English pages have no prefix, so a first visit to ``/case-studies/`` from a
French browser would stay English; ``PreferredLanguageRedirectMiddleware`` sends such a
visitor to ``/fr/case-studies/`` once, and never second-guesses an explicit choice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}
EXEMPT_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/healthz",
    "/i18n/",
    "/static/",
    "/media/",
    "/documents/",
    "/ws/",
)


def preferred_language(request: HttpRequest) -> str | None:
    """The language a visitor asked for outside the URL, if it is one we support."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile_language = getattr(getattr(user, "profile", None), "language", "")
        if profile_language in SUPPORTED:
            return profile_language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie is not None:
        return cookie if cookie in SUPPORTED else settings.LANGUAGE_CODE
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    if not header:
        return None
    try:
        return translation.get_language_from_request(request, check_path=False)
    except Exception:  # a malformed header is never an error
        return None


class PreferredLanguageRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and not request.path.startswith(EXEMPT_PREFIXES):
            in_url = translation.get_language_from_path(request.path_info)
            if in_url is None:
                wanted = preferred_language(request)
                if wanted and wanted != settings.LANGUAGE_CODE:
                    target = translate_url(request.get_full_path(), wanted)
                    if target != request.get_full_path():
                        response = HttpResponseRedirect(target)
                        response.headers["Vary"] = "Accept-Language, Cookie"
                        return response
        return self.get_response(request)


def active_language() -> str:
    """The active interface language as one of ``settings.LANGUAGES`` (``fr-ca`` → ``fr``):
    what a member is presumed to write in when they do not say."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def supported_language(value: str | None) -> str | None:
    """``value`` if it is a language of the site, else ``None``: filters given an unknown
    code (``?language=xx``) ignore it rather than fail."""
    value = (value or "").strip().lower()
    return value if value in SUPPORTED else None
