from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
from outcomes.models import ResultsFramework
from outcomes.selectors.frameworks import framework_queryset


def framework_is_public(framework: ResultsFramework) -> bool:
    if framework.inventory_item_id:
        return framework.inventory_item.live
    return public_pages(CaseStudyPage).filter(pk=framework.case_study_id).exists()


@require_GET
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(framework_queryset(), pk=pk)
    if not framework_is_public(framework):
        raise Http404
    return render(request, "outcomes/results_framework.html", {"framework": framework})
