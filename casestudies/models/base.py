"""Behaviour shared by every page of the section."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.models import Page

from core.structure import route_child, view_restrictions


def _in_language_order(versions) -> list[Page]:
    default = settings.LANGUAGE_CODE
    return sorted(versions, key=lambda p: (p.locale.language_code != default, p.pk))


def reader_language() -> str:
    """The language the reader is served in (from the URL prefix)."""
    return get_language() or settings.LANGUAGE_CODE


class TranslatedPageMixin:
    """Readers get the version of a page in their language when it is live, and the
    original otherwise — never a copied translation that is still a draft.

    Wagtail routes ``/fr/…`` through the French tree only when the French home page is
    live (``Site.root_page.localized``); either tree may lack a page or hold it as a
    draft (simple_translation copies pages, and missing parents, as drafts). So routing
    here swaps to the best live version of a page, and a slug missing from this tree is
    looked up in the other languages' trees, instead of answering 404.
    """

    #: Relations fetched with the page when it is routed to (``fetch_specific``).
    route_select_related: tuple[str, ...] = ()

    @cached_property
    def language_versions(self) -> list[Page]:
        """The live, unlocked versions of this page in every language, the default
        language first (one query, or none when routing fetched them with the page)."""
        versions = (
            type(self)
            .objects.filter(translation_key=self.translation_key, live=True, locked=False)
            .select_related("locale")
        )
        return _in_language_order(versions)

    @classmethod
    def fetch_specific(cls, pk: int, translation_key) -> Page:
        """The page ``pk`` as this type, with its language versions, in one query
        (routing asks for both, one after the other; ``core.structure.route_child``)."""
        versions = list(
            cls.objects.filter(translation_key=translation_key).select_related(
                "locale", *cls.route_select_related
            )
        )
        specific = next((v for v in versions if v.pk == pk), None)
        if specific is None:  # moved to another translation key meanwhile
            return cls.objects.get(pk=pk)
        live = _in_language_order(v for v in versions if v.live and not v.locked)
        for version in versions:
            version.__dict__["language_versions"] = live
        return specific

    def get_view_restrictions(self):
        """Wagtail's privacy check, from the cached list of restricted paths."""
        return view_restrictions(self)

    def reader_version(self) -> Page | None:
        """The page to show a reader of the active language: its live translation, else
        this page if live, else the live original (``None``: no version is live)."""
        language = reader_language()
        versions = self.language_versions
        for version in versions:
            if version.locale.language_code == language:
                return version
        for version in versions:
            if version.pk == self.pk:
                return version
        return versions[0] if versions else None

    def route(self, request, path_components):
        version = self.reader_version()
        if version is None:
            raise Http404
        if version.pk != self.pk:
            return version.route(request, path_components)
        try:
            if path_components and not self._routes_itself(path_components):
                return route_child(self, request, path_components)
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            for other in self._other_language_versions():
                child = other.get_children().filter(slug=path_components[0]).first()
                if child is not None:
                    return child.specific.route(request, path_components[1:])
            raise

    def _routes_itself(self, path_components: list[str]) -> bool:
        """A route of the page's own (``RoutablePageMixin``) rather than a child."""
        resolve = getattr(self, "resolve_subpage", None)
        if resolve is None or not self.live:
            return False
        try:
            resolve("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def _other_language_versions(self) -> list[Page]:
        """This page in the other languages, live or not (a draft French index still
        holds the French pages), the default language first."""
        others = type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        default = settings.LANGUAGE_CODE
        return sorted(
            others.select_related("locale"),
            key=lambda p: (p.locale.language_code != default, p.pk),
        )

    def translation_notice(
        self, links: list[dict[str, str]] | None = None
    ) -> dict[str, Any] | None:
        """What to tell a reader who asked for a language this page is not (yet)
        available in: the language they asked for, the one shown, and where the page
        can be read. ``None`` when the page is in the reader's language."""
        language = reader_language()
        shown = next(
            (v.locale.language_code for v in self.language_versions if v.pk == self.pk),
            language,
        )
        if shown == language:
            return None
        return {
            "requested": capfirst(get_language_info(language)["name_local"]),
            "shown": gettext(get_language_info(shown)["name"]),
            "available": self.language_links() if links is None else links,
        }

    def language_links(self, request=None) -> list[dict[str, str]]:
        """Each live version: language code, its name in that language, and its URL."""
        links = []
        for version in self.language_versions:
            code = version.locale.language_code
            links.append(
                {
                    "code": code,
                    "name_local": capfirst(get_language_info(code)["name_local"]),
                    "url": version.get_url(request),
                    "full_url": version.get_full_url(request),
                }
            )
        return links


class PublicPageMixin(TranslatedPageMixin):
    """Locked pages are taken offline, not only frozen for editing.

    The editorial rule of the section (issue #4) is that "locked and unpublished pages
    never show to the public": Wagtail already refuses to serve unpublished pages, and
    this refuses locked ones, to readers and in listings, feeds and the sitemap alike
    (see ``selectors.public_pages``). Previews in the admin are unaffected.
    """

    def serve(self, request, *args, **kwargs):
        if self.locked:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = self.language_links(request)
        context["translation_notice"] = self.translation_notice(links)
        context["language_versions"] = links
        return context

    def get_sitemap_urls(self, request=None):
        """One entry per live language version, each listing the others as ``hreflang``
        alternates (the sitemap only walks the default language's tree)."""
        if self.locked:
            return []
        entries = super().get_sitemap_urls(request)
        links = self.language_links(request)
        if len(links) < 2:
            return entries
        alternates = [{"lang_code": link["code"], "location": link["full_url"]} for link in links]
        for entry in entries:
            entry["alternates"] = alternates
        lastmod = entries[0]["lastmod"] if entries else None
        for version, link in zip(self.language_versions, links, strict=True):
            if version.pk != self.pk:
                entries.append(
                    {
                        "location": link["full_url"],
                        "lastmod": version.last_published_at or lastmod,
                        "alternates": alternates,
                    }
                )
        return entries
