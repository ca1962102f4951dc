"""Behaviour shared by every page of the section."""

from __future__ import annotations

from django.http import Http404


class PublicPageMixin:
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

    def get_sitemap_urls(self, request=None):
        if self.locked:
            return []
        return super().get_sitemap_urls(request)
