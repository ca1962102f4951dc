"""Middleware of the community app."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .selectors.sso import allow_form_action
from .services.sso import SIGNED_IN_SESSION_KEY


class SignedInProviderMiddleware:
    """Every page's sign-out form leads, for a member who signed in through an OpenID
    Connect provider, to that provider's sign-out page (RP-initiated logout): the
    page's Content-Security-Policy must let the form go there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        signed_in = None
        # Visitors without a session cookie (cached pages) never touch the session.
        if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
            signed_in = session.get(SIGNED_IN_SESSION_KEY)
        if signed_in and signed_in.get("origin"):
            allow_form_action(request, [signed_in["origin"]])
        return self.get_response(request)
