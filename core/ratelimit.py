"""Rate limits on the Django cache (Redis in production), shared by every worker, so a
flood is refused wherever it lands.

Two layers:

- :func:`hit` counts one request against a fixed window and says whether it is allowed
  and, if not, how long until the window ends. Forums (posts, WebSocket frames) use it
  directly.
- :func:`ratelimit` decorates a view with a named limit from ``settings.RATE_LIMITS``
  (``"30/m"``, ``"5/10s"``, ``"100/h"``), keyed by member (or by client address for
  visitors). Over the limit the view is not called: the visitor gets a 429 with a
  translated message and a ``Retry-After`` header — JSON for API and ``fetch`` callers,
  a page for browsers.

allauth's own limits (``ACCOUNT_RATE_LIMITS``) and DRF's throttles cover log-in, sign-up,
password reset and ``/api/v1/``; this module covers the rest of the site.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\w*\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"30/m"``, ``"5/10s"``, ``"100/hour"`` — the notation of DRF and allauth."""
        match = _RATE.match(text or "")
        if not match:
            raise ImproperlyConfigured(f"Not a rate: {text!r} (expected e.g. '30/m' or '5/10s').")
        count, multiple, unit = match.groups()
        return cls(limit=int(count), window=int(multiple or 1) * _UNITS[unit])


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the current window ends; 0 when allowed


def hit(key: str, *, limit: int, window: int) -> Decision:
    """Count one hit for ``key``; refused once more than ``limit`` hits fell in the
    ``window`` seconds that began with the first hit. The window starts at that hit
    rather than on a clock boundary, so a burst cannot straddle two windows and get
    twice the allowance. ``add`` then ``incr`` keeps the count atomic on Redis."""
    now = time.time()
    count_key = f"rl:{key}:{window}"
    start_key = f"{count_key}:start"
    if cache.add(count_key, 1, timeout=window):
        cache.set(start_key, now, timeout=window)
        count = 1
    else:
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, timeout=window)
            cache.set(start_key, now, timeout=window)
            count = 1
    if count <= limit:
        return Decision(allowed=True, retry_after=0)
    started = cache.get(start_key) or now
    return Decision(allowed=False, retry_after=max(1, math.ceil(started + window - now)))


def allow(key: str, *, limit: int, window: int) -> bool:
    """Just the verdict of :func:`hit`."""
    return hit(key, limit=limit, window=window).allowed


def rate_for(scope: str) -> Rate | None:
    """The configured rate of ``scope``; ``None`` when limits are switched off."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return None
    rates = getattr(settings, "RATE_LIMITS", {})
    if scope not in rates:
        raise ImproperlyConfigured(f"settings.RATE_LIMITS has no rate named {scope!r}.")
    return Rate.parse(rates[scope]) if rates[scope] else None


def client_key(request: HttpRequest) -> str:
    """The member, or for visitors the client address (the proxy in front sets
    ``REMOTE_ADDR``; see the README on running behind a load balancer)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        request.path.startswith("/api/")
        or "application/json" in accept
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


def too_many_requests(
    request: HttpRequest, retry_after: int, *, as_json: bool | None = None
) -> HttpResponse:
    """429 with a message a person can act on, in their language; JSON when ``as_json``
    (by default: for the API and for callers that ask for JSON)."""
    message = ngettext(
        "You are doing that too often. Please wait %(seconds)s second and try again.",
        "You are doing that too often. Please wait %(seconds)s seconds and try again.",
        retry_after,
    ) % {"seconds": retry_after}
    if _wants_json(request) if as_json is None else as_json:
        response: HttpResponse = JsonResponse(
            {"detail": message, "code": "rate_limited", "retry_after": retry_after}, status=429
        )
    else:
        response = HttpResponse(
            render_to_string(
                "429.html", {"message": message, "retry_after": retry_after}, request=request
            ),
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(
    scope: str,
    *,
    methods: Iterable[str] = ("POST",),
    key: Callable[[HttpRequest], str] = client_key,
    as_json: bool | None = None,
):
    """Limit a view (function or ``APIView.as_view()``) to ``settings.RATE_LIMITS[scope]``
    for the given HTTP ``methods``; others pass untouched. ``as_json=True`` for views
    that answer JSON whoever asks."""
    methods = frozenset(m.upper() for m in methods)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                rate = rate_for(scope)
                if rate is not None:
                    decision = hit(f"{scope}:{key(request)}", limit=rate.limit, window=rate.window)
                    if not decision.allowed:
                        logger.info("rate limit %s reached by %s", scope, key(request))
                        return too_many_requests(request, decision.retry_after, as_json=as_json)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RouteRateLimitMiddleware:
    """The same limits on views the site does not write itself (allauth's single sign-on
    callbacks): ``settings.RATE_LIMITED_ROUTES`` maps a URL name to a scope of
    ``RATE_LIMITS``, counted on every method — a callback is a GET for OpenID Connect
    and a POST for SAML."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        routes = getattr(settings, "RATE_LIMITED_ROUTES", {})
        scope = routes.get(match.url_name) if match is not None else None
        if scope is None:
            return None
        rate = rate_for(scope)
        if rate is None:
            return None
        decision = hit(f"{scope}:{client_key(request)}", limit=rate.limit, window=rate.window)
        if decision.allowed:
            return None
        logger.info("rate limit %s reached by %s", scope, client_key(request))
        return too_many_requests(request, decision.retry_after, as_json=False)
