"""Small helpers the community services share. Who may do what is decided in
:mod:`community.rules`."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """A link for an email: the site's public address (``SITE_URL``) plus ``path``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
