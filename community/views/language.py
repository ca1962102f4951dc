"""The language menu leads here (``/i18n/setlang/``, outside the language prefixes). It
lives in ``community`` because it writes to a member's profile; ``core`` only knows
which languages the site speaks.

Visitors follow a plain link (``GET ?language=fr&next=/fr/…``), so that an anonymous
page carries no CSRF token and can be served from the page cache; the link only sets
the language cookie, as Django's POST would. Signed-in members submit a form
(``POST``), because their choice is also saved in their profile: a write.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from community.services import profile_set_language
from core.i18n import SUPPORTED


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie, redirect to the translated ``next``), and for a
    signed-in member the choice is also saved in their profile, so it follows them to
    other devices and to their emails."""
    response = django_set_language(request)
    if request.method == "GET":
        return _remember_visitor_choice(request, response)
    language = request.POST.get("language", "")
    user = getattr(request, "user", None)
    if (
        request.method == "POST"
        and user is not None
        and user.is_authenticated
        and language in SUPPORTED
    ):
        profile_set_language(user=user, language=language)
    return response


def _remember_visitor_choice(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """For a link: Django's ``set_language`` already redirected to a safe ``next`` (the
    menu links to the page's own URL in that language, real translations included) and
    changed nothing on GET; here only the cookie is set. Nothing is written to the
    database."""
    language = request.GET.get("language", "")
    if language not in SUPPORTED:
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
