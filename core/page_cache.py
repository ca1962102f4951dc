"""Anonymous pages served from the cache, and compressed where that is safe.

A visitor without a session sees the same page as every other visitor in their
language, so :class:`PageCacheMiddleware` keeps the rendered HTML per host, language
and path+query and answers the next such request without touching the database.

- **Who**: only a ``GET`` without a session or messages cookie (so certainly
  anonymous, and finding that out costs no query) is answered from the cache; only a
  ``200`` HTML answer to such a request that sets no cookie, rendered no CSRF token and
  did not say ``private``/``no-store`` is stored. Signed-in members are never served a
  cached page and their pages are never stored.
- **Where**: after ``PreferredLanguageRedirectMiddleware``, so a visitor whose cookie or
  browser asks for another language is still redirected, and the language is the one
  the URL says (``request.LANGUAGE_CODE``).
- **Freshness**: every entry carries the site-wide version it was rendered under
  (read *before* rendering, so a publish that lands mid-render makes the entry stale
  at once). :func:`invalidate_pages` replaces the version after the commit; it is
  called on publish/unpublish (pages and snippets), page moves and deletions,
  view restrictions added, changed or removed (Wagtail's privacy), taxonomy edits
  (their labels and translations show on pages), comments, and by
  ``community`` when a group's privacy changes. Pages with live activity (home,
  forums) also expire quickly (``PAGE_CACHE_LIVE_PATTERNS``/``PAGE_CACHE_LIVE_TIMEOUT``).

:class:`SafeGZipMiddleware` compresses HTML only under the same conditions that make a
page cacheable: a response with a CSRF token, a cookie or a member's own data could
leak it through compression (BREACH), so those go uncompressed.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

from core.i18n import EXEMPT_PREFIXES

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
HIT_HEADER = "X-Page-Cache"


# ---------------------------------------------------------------------------
# Who may be served or stored
# ---------------------------------------------------------------------------


def _has_private_cookies(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES
    )


def is_cacheable_request(request: HttpRequest) -> bool:
    """A reader page asked for by a visitor who certainly has no session."""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        and not request.path.startswith(EXEMPT_PREFIXES)
        and not _has_private_cookies(request)
    )


def is_public_html(request: HttpRequest, response: HttpResponse) -> bool:
    """The same for everyone: HTML for an anonymous visitor, no CSRF token rendered
    into it, no cookie set by it, not marked private. The one rule both the page cache
    and compression ask."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    directives = {
        d.strip().split("=")[0].lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
        if d
    }
    return not directives & {"private", "no-store", "no-cache"}


# ---------------------------------------------------------------------------
# Keys, version and timeouts
# ---------------------------------------------------------------------------


def _page_key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"pagecache:page:{language}:{digest}"


@cache
def _live_patterns() -> list[re.Pattern]:
    return [re.compile(p) for p in settings.PAGE_CACHE_LIVE_PATTERNS]


def _timeout(request: HttpRequest) -> int:
    """Shorter for pages that show live activity, matched without the language prefix."""
    path = request.path_info
    language = get_language_from_path(path)
    if language:
        path = path[len(language) + 1 :]
    if any(p.search(path) for p in _live_patterns()):
        return settings.PAGE_CACHE_LIVE_TIMEOUT
    return settings.PAGE_CACHE_TIMEOUT


def _current_version() -> str:
    version = default_cache.get(VERSION_KEY)
    if version is None:
        default_cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = default_cache.get(VERSION_KEY)
    return version


def invalidate_pages() -> None:
    """Make every cached page stale, once the current transaction commits (a request
    racing the commit would otherwise store the old content under the new version)."""

    def bump() -> None:
        default_cache.set(VERSION_KEY, uuid.uuid4().hex, None)

    transaction.on_commit(bump)


# ---------------------------------------------------------------------------
# Middleware
# ---------------------------------------------------------------------------


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        found = default_cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry["version"] == version:
            return self._from_entry(entry)
        if version is None:
            version = _current_version()
        response = self.get_response(request)
        if response.status_code == 200 and is_public_html(request, response):
            default_cache.set(key, self._to_entry(response, version), _timeout(request))
            response.headers[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _to_entry(response: HttpResponse, version: str) -> dict:
        return {
            "version": version,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k != HIT_HEADER],
            "content": response.content,
        }

    @staticmethod
    def _from_entry(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        response.headers[HIT_HEADER] = "hit"
        return response


class SafeGZipMiddleware(GZipMiddleware):
    """Django's GZip (with its random-padding BREACH mitigation), for public HTML only."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not is_public_html(request, response):
            return response
        return super().process_response(request, response)


# ---------------------------------------------------------------------------
# What makes pages stale
# ---------------------------------------------------------------------------


def _on_change(sender=None, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures loading
        return
    invalidate_pages()


def connect() -> None:
    """Wagtail's and comments' signals; models are looked up through the app registry so
    that ``core`` imports no domain app. ``community`` connects its own privacy event."""
    from wagtail import signals as wagtail_signals
    from wagtail.models import Page

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.published,
        wagtail_signals.unpublished,
        wagtail_signals.post_page_move,
    ):
        signal.connect(_on_change, dispatch_uid=f"pagecache-{id(signal)}")
    # A page (or section) made private, or opened again, by a view restriction: Wagtail
    # checks restrictions when it serves a page, which a cached copy skips.
    watched = [
        *apps.get_app_config("taxonomy").get_models(),
        apps.get_model("wagtailcore", "PageViewRestriction"),
    ]
    if apps.is_installed("django_comments_xtd"):
        watched.append(apps.get_model("django_comments_xtd", "XtdComment"))
    for model in watched:
        uid = f"pagecache-{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    post_delete.connect(_on_change, sender=Page, dispatch_uid="pagecache-page-delete")
