"""The section's front page: the filterable listing of case studies, and its feeds."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

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
        from casestudies.forms import CaseStudyFilterForm
        from casestudies.selectors import case_study_listing

        context = self.get_context(request)
        form = CaseStudyFilterForm(request.GET or None)
        context.update(case_study_listing(form=form, page_number=request.GET.get("page")))
        context["filter_form"] = form
        status = 400 if form.is_bound and form.errors else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("testimonies/", name="testimonies")
    def testimonies(self, request):
        from casestudies.selectors import published_testimonies

        context = self.get_context(request)
        context["testimonies"] = published_testimonies(index=self)
        return TemplateResponse(request, "casestudies/testimony_list.html", context)

    @path("tours/", name="tours")
    def tours(self, request):
        from casestudies.selectors import tour_list

        context = self.get_context(request)
        context["tours"] = tour_list(index=self)
        return TemplateResponse(request, "casestudies/virtual_tour_list.html", context)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from casestudies.feeds import CaseStudyRssFeed

        return CaseStudyRssFeed(index=self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from casestudies.feeds import CaseStudyAtomFeed

        return CaseStudyAtomFeed(index=self)(request)
