"""The language switcher's form posts here (``/i18n/setlang/``, outside the language
prefixes). It lives in ``community`` because it writes to a member's profile; ``core``
only knows which languages the site speaks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from community.services import profile_set_language
from core.i18n import SUPPORTED


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie, redirect to the translated ``next``), and for a
    signed-in member the choice is also saved in their profile, so it follows them to
    other devices and to their emails."""
    response = django_set_language(request)
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
