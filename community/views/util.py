from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from community import follows


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` the form asked to return to, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def follow_state(user, target: models.Model) -> dict:
    """The follow button's context (``following``, ``muted``, ``mute_action``)."""
    return follows.button_state(user=user, obj=target)
