"""The answers to the section's page routes: the listing, testimonies, tours, feeds, a
case study's context and a tour's stops. Registered in ``casestudies.page_routes`` when
the app is ready; the page models ask for them by name."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .feeds import CaseStudyAtomFeed, CaseStudyRssFeed
from .forms import CaseStudyFilterForm
from .models import CaseStudyIndexPage, CaseStudyPage, VirtualTourPage
from .page_routes import answers
from .selectors import (
    case_study_listing,
    case_study_page_context,
    published_testimonies,
    tour_context,
    tour_list,
)


@answers("index.listing")
def index_listing(page: CaseStudyIndexPage, request: HttpRequest) -> HttpResponse:
    context = page.get_context(request)
    form = CaseStudyFilterForm(request.GET or None)
    context.update(case_study_listing(form=form, page_number=request.GET.get("page")))
    context["filter_form"] = form
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, page.get_template(request), context, status=status)


@answers("index.testimonies")
def index_testimonies(page: CaseStudyIndexPage, request: HttpRequest) -> HttpResponse:
    context = page.get_context(request)
    context["testimonies"] = published_testimonies(index=page)
    return TemplateResponse(request, "casestudies/testimony_list.html", context)


@answers("index.tours")
def index_tours(page: CaseStudyIndexPage, request: HttpRequest) -> HttpResponse:
    context = page.get_context(request)
    context["tours"] = tour_list(index=page)
    return TemplateResponse(request, "casestudies/virtual_tour_list.html", context)


@answers("index.feed_rss")
def index_feed_rss(page: CaseStudyIndexPage, request: HttpRequest) -> HttpResponse:
    return CaseStudyRssFeed(index=page)(request)


@answers("index.feed_atom")
def index_feed_atom(page: CaseStudyIndexPage, request: HttpRequest) -> HttpResponse:
    return CaseStudyAtomFeed(index=page)(request)


@answers("case_study.context")
def case_study_context(page: CaseStudyPage, request: HttpRequest) -> dict[str, Any]:
    return case_study_page_context(page=page, request=request)


@answers("tour.stop")
def tour_stop(page: VirtualTourPage, request: HttpRequest, *, number: int | None) -> HttpResponse:
    context = page.get_context(request)
    try:
        context.update(tour_context(page=page, number=number))
    except LookupError as exc:
        raise Http404 from exc
    return TemplateResponse(request, page.get_template(request), context)
