from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from outcomes.forms import ReplicationFilterForm
from outcomes.selectors.lineage import replication_regions, replications


@require_GET
def replications_view(request: HttpRequest) -> HttpResponse:
    """Practices replicated in a region or country (by where the adaptation happened)."""
    form = ReplicationFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    cleaned = form.cleaned_data if form.is_bound and valid else {}
    results = replications(region=cleaned.get("region"), country=cleaned.get("country"))
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/replications.html",
        {
            "form": form,
            "page": page,
            "regions": replication_regions(),
            "filtered": bool(cleaned and any(cleaned.values())),
        },
        status=200 if valid else 400,
    )
