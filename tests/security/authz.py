"""Requesting a walker case as one kind of viewer, reduced to the outcome the table names."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.quality.factories import World
from tests.security.walker import CASES, POST_DATA


def outcome(client: Client, world: World, case: str, role: str) -> str:
    """``"login"`` for a redirect to the log-in page, ``"redirect"`` for any other
    redirect, otherwise the status code as text."""
    _name, build, method = CASES[case]
    user = world.user(role)
    if user is not None:
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[0])
    url = build(world)
    response = client.get(url) if method == "GET" else client.post(url, POST_DATA.get(case, {}))
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        login_urls = (reverse("account_login"), settings.LOGIN_URL, reverse("wagtailcore_login"))
        if any(location.startswith(u) or f"{u}?" in location for u in login_urls if u):
            return "login"
        return "redirect"
    return str(response.status_code)
