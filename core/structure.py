"""The site's structure as every page request reads it: which Wagtail ``Site`` (and home
page) answers a host, the locales, each page's children, and which pages sit behind a
privacy restriction.

Wagtail reads all of it from the database on every page request: the ``Site`` for the
host, the home page's own row, the active ``Locale``, then for each step of the path
the child by its slug and again as its own type, then the restricted ancestors of the
page and their restrictions — eight queries for a case study before it does anything
of its own. They change only when an editor edits a page, a site, a locale or a
page's privacy, so they are kept in the ``pages`` :class:`core.versioned.Versioned`
family, which :func:`connect` makes stale on every such change: any page saved,
deleted, published, unpublished or moved, any ``Site``, ``Locale`` or
``PageViewRestriction`` (or its groups) changed.

- :class:`CachedSiteMiddleware` gives Wagtail the request's ``Site`` (with its home
  page, specific) from the cache, through the attribute Wagtail's own
  ``Site.find_for_request`` reads first (``request._wagtail_site``), so Wagtail's
  matching rule is the one applied, only not repeated on every request. The home page
  answers ``localized`` from the cached locales and translations (``core.models``).
- :func:`route_child` is Wagtail's ``Page.route`` step to a child, with the children's
  slugs from the cache; the home page and the section's translated pages route with it.
- :func:`view_restrictions` answers ``Page.get_view_restrictions()`` from the list of
  restricted paths: a page is restricted by the restrictions of itself and its
  ancestors (treebeard paths are prefixes of their descendants'). Where an alias is
  involved, Wagtail's own lookup answers (aliases take their source's restrictions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.db import DatabaseError
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port

from .i18n import EXEMPT_PREFIXES
from .versioned import family

PAGES = family("pages")


# ---------------------------------------------------------------------------
# The Site of a request
# ---------------------------------------------------------------------------


def _find_site(request: HttpRequest):
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is not None and site.root_page is not None:
        # Kept specific with the site: routing starts there (``root_page.localized
        # .specific``), and the home page answers ``localized`` from the cached locales.
        site.root_page = site.root_page.specific
    return (site,)


def active_locale():
    """Wagtail's ``Locale.get_active()`` (the locale of the active language, else the
    default one) from the cached list of locales; ``None`` when neither is there."""
    from django.conf import settings
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    locales = PAGES.get_or_set(
        "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()}
    )
    for language in (get_language(), settings.LANGUAGE_CODE):
        try:
            code = get_supported_content_language_variant(language)
        except LookupError:
            continue
        if code in locales:
            return locales[code]
    return None


class CachedSiteMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, "_wagtail_site") and not request.path.startswith(EXEMPT_PREFIXES):
            hostname = split_domain_port(request._get_raw_host())[0]
            port = request.get_port()
            try:
                (site,) = PAGES.get_or_set(
                    ("site", hostname, port), lambda: _find_site(request), shared=False
                )
            except DatabaseError:
                pass  # the view that needs the site says so; /healthz reports it
            else:
                request._wagtail_site = site
        return self.get_response(request)


# ---------------------------------------------------------------------------
# Privacy restrictions
# ---------------------------------------------------------------------------


class RestrictionIndex(NamedTuple):
    restrictions: list[tuple[int, str]]  # (restriction id, restricted page's path)
    alias_paths: list[str]


def _restriction_index() -> RestrictionIndex:
    from wagtail.models import Page, PageViewRestriction

    return RestrictionIndex(
        restrictions=list(PageViewRestriction.objects.values_list("pk", "page__path")),
        alias_paths=list(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    )


def view_restrictions(page) -> QuerySet:
    """The restrictions that apply to ``page`` (Wagtail's ``get_view_restrictions``),
    without a query when there are none."""
    from wagtail.models import Page, PageViewRestriction

    index = PAGES.get_or_set("view-restrictions", _restriction_index)
    if page.alias_of_id or any(page.path.startswith(path) for path in index.alias_paths):
        return Page.get_view_restrictions(page)
    ids = [pk for pk, path in index.restrictions if page.path.startswith(path)]
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


# ---------------------------------------------------------------------------
# What makes it stale
# ---------------------------------------------------------------------------


def connect() -> None:
    from wagtail import signals as wagtail_signals
    from wagtail.models import Locale, PageViewRestriction, Site, get_page_models

    for model in [*get_page_models(), Site, Locale, PageViewRestriction]:
        uid = f"structure-{model._meta.label_lower}"
        post_save.connect(PAGES.bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(PAGES.bump, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        PAGES.bump, sender=PageViewRestriction.groups.through, dispatch_uid="structure-pvr-groups"
    )
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
    ):
        signal.connect(PAGES.bump, dispatch_uid=f"structure-{id(signal)}")


# ---------------------------------------------------------------------------
# Routing to a child page
# ---------------------------------------------------------------------------


def home_translation(home, locale):
    """The home page's translation into ``locale`` (specific), or ``None``."""
    (translation,) = PAGES.get_or_set(
        ("home-translation", home.translation_key, locale.pk),
        lambda: (
            type(home).objects.filter(translation_key=home.translation_key, locale=locale).first(),
        ),
        shared=False,
    )
    return translation


def _children(parent) -> dict[str, tuple[int, int, str]]:
    return {
        slug: (pk, content_type_id, translation_key)
        for slug, pk, content_type_id, translation_key in parent.get_children().values_list(
            "slug", "pk", "content_type_id", "translation_key"
        )
    }


def route_child(parent, request: HttpRequest, path_components: list[str]):
    """Wagtail's ``Page.route`` step to a child (find the child by slug, make it
    specific, let it route the rest) with the children's slugs from the cache, and the
    child fetched as its own type in one query: where the type can fetch what it needs
    anyway with it (its language versions), ``fetch_specific(pk, translation_key)``."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404
    from wagtail.models import Page

    slug, remaining = path_components[0], path_components[1:]
    found = PAGES.get_or_set(("children", parent.pk), lambda: _children(parent)).get(slug)
    if found is None:
        # Not a child, or one added by a process whose cache this one does not share
        # (Wagtail asks the database here on every request; this asks only on a miss).
        found = (
            parent.get_children()
            .filter(slug=slug)
            .values_list("pk", "content_type_id", "translation_key")
            .first()
        )
        if found is None:
            raise Http404
        PAGES.bump()
    pk, content_type_id, translation_key = found
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    fetch = getattr(model, "fetch_specific", None)
    try:
        child = fetch(pk, translation_key) if fetch else model.objects.get(pk=pk)
    except Page.DoesNotExist as exc:  # gone since the children were cached
        raise Http404 from exc
    child._cached_parent_obj = parent
    return child.route(request, remaining)
