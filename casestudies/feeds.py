"""RSS and Atom feeds of new case studies, optionally for one theme or country.

Served by ``CaseStudyIndexPage`` routes (``/case-studies/feed/rss/?theme=remittances``)
so they follow the index page wherever editors move it.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from casestudies.selectors import feed_case_studies
from core.addresses import page_absolute_url
from taxonomy.models import Country, Theme


class CaseStudyRssFeed(Feed):
    def __init__(self, *, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        theme = country = None
        if slug := request.GET.get("theme"):
            theme = Theme.objects.filter(slug=slug).first()
            if theme is None:
                raise Http404(_("Unknown theme."))
        if code := request.GET.get("country"):
            country = Country.objects.filter(code=code.upper()).first()
            if country is None:
                raise Http404(_("Unknown country."))
        return {"theme": theme, "country": country}

    def title(self, obj) -> str:
        parts = [_("New case studies")]
        if obj["theme"]:
            parts.append(obj["theme"].label)
        if obj["country"]:
            parts.append(obj["country"].label)
        return " · ".join(parts) + " · Practice Commons"

    def link(self, obj) -> str:
        return page_absolute_url(self.index, self.request)

    def description(self, obj) -> str:
        return _(
            "Good practices in migration and development, described so they can be replicated."
        )

    def items(self, obj):
        return feed_case_studies(theme=obj["theme"], country=obj["country"])

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return page_absolute_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [t.label for t in item.themes.all()] + [c.label for c in item.countries.all()]


class CaseStudyAtomFeed(CaseStudyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)
