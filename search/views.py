"""The search page and the autocomplete endpoint: thin, they ask ``search.backends``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.listings import filter_chip, querystring
from core.ratelimit import ratelimit

from .backends import get_search_backend
from .forms import clean_query, parse_search_params
from .labels import facet_labels
from .results import FACETS, SORTS

AUTOCOMPLETE_MIN_CHARS = 2


@ratelimit("search", methods=["GET"])
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    params, _errors = parse_search_params(request.GET)
    if not params.q and request.GET.get("sort") is None:
        params.sort = "date"
    results = get_search_backend().search(params, viewer=request.user)

    active_filters = [
        filter_chip(
            params=request.GET,
            name=facet.name,
            value=value.value,
            field=facet.label,
            label=value.label,
            values=params.filters.get(facet.name, []),
        )
        for facet in results.facets
        for value in facet.values
        if value.selected
    ]
    pages = results.pages
    page = params.page
    context = {
        "results": results,
        "params": params,
        "query": params.q,
        "sorts": SORTS,
        "facet_names": list(FACETS),
        "active_filters": active_filters,
        "clear_filters": querystring(request.GET, **dict.fromkeys(FACETS), page=None),
        "page_out_of_range": page > pages and results.total > 0,
        "previous_page": querystring(request.GET, page=str(page - 1)) if page > 1 else "",
        "next_page": querystring(request.GET, page=str(page + 1)) if page < pages else "",
        "suggestion_link": querystring(request.GET, q=results.suggestion, page=None)
        if results.suggestion
        else "",
        "recognised": [
            {
                "kind": tag.kind_label,
                "label": facet_labels(tag.facet, {tag.value: 0})[tag.value],
                "link": querystring(
                    request.GET,
                    **{tag.facet: [*params.filters.get(tag.facet, []), tag.value]},
                    page=None,
                ),
            }
            for tag in results.recognised
        ],
        "first_result": params.offset + 1,
        "last_result": params.offset + len(results.hits),
    }
    return render(request, "search/search_page.html", context)


@ratelimit("autocomplete", methods=["GET"], as_json=True)
@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Titles that start with what the user is typing, for the search box (JSON)."""
    prefix = clean_query(request.GET.get("q", ""), max_length=100)
    if len(prefix) < AUTOCOMPLETE_MIN_CHARS:
        return JsonResponse({"query": prefix, "results": []})
    suggestions = get_search_backend().autocomplete(prefix, viewer=request.user)
    return JsonResponse(
        {
            "query": prefix,
            "results": [
                {
                    "type": s.type,
                    "type_label": s.type_label,
                    "id": s.id,
                    "title": s.title,
                    "url": s.url,
                }
                for s in suggestions
            ],
        }
    )
