"""The section's front page: the filterable listing of case studies, and its feeds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from casestudies.page_routes import answer
from core.fields import CleanTextField

from .base import TranslatedPageMixin


class CaseStudyIndexPage(TranslatedPageMixin, RoutablePageMixin, Page):
    intro = CleanTextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "casestudies.CaseStudyPage",
        "casestudies.TestimonyPage",
        "casestudies.VirtualTourPage",
    ]
    template = "casestudies/case_study_index_page.html"

    class Meta:
        verbose_name = _("case-study index")

    @path("")
    def listing(self, request):
        return answer("index.listing", self, request)

    @path("testimonies/", name="testimonies")
    def testimonies(self, request):
        return answer("index.testimonies", self, request)

    @path("tours/", name="tours")
    def tours(self, request):
        return answer("index.tours", self, request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return answer("index.feed_rss", self, request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return answer("index.feed_atom", self, request)
