"""Public pages: query the inventory, browse GFMD recommendations, export what you see.

Thin on purpose: the filters, facets, "why it matched" and exports come from
``inventory.selectors``; the same filters back the JSON API.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.listings import form_chips, form_errors, querystring

from . import exchange, selectors
from .regions import RegionTree

PAGE_SIZE = 20
EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_GET
def item_list(request: HttpRequest) -> HttpResponse:
    tree = RegionTree.load()
    filterset = selectors.item_filter(params=request.GET, tree=tree)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "countries": selectors.country_options(),
        "regions": selectors.region_options(tree),
        "query": querystring(request.GET, page=None),
    }
    if not filterset.is_valid():
        context.update(active_filters=[], form_errors=form_errors(filterset.form))
        return render(request, "inventory/inventory_item_list.html", context, status=400)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    criteria = filterset.form.cleaned_data
    results = [
        {"item": item, "reasons": selectors.match_reasons(item=item, criteria=criteria, tree=tree)}
        for item in page.object_list
    ]
    context.update(
        page=page,
        results=results,
        facets=selectors.item_facets(filterset=filterset),
        active_filters=form_chips(form=filterset.form, params=request.GET),
        my_country=_my_country(request),
    )
    return render(request, "inventory/inventory_item_list.html", context)


def _my_country(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return getattr(profile, "country", None)


@require_GET
def item_export(request: HttpRequest, fmt: str) -> HttpResponse:
    # Exports are the originals: what an import matches on (external id, default language).
    filterset = selectors.item_filter(params=request.GET, language=settings.LANGUAGE_CODE)
    if not filterset.is_valid():
        return _bad_query(filterset)
    records = selectors.items_export(filterset=filterset)
    return _download(records, fmt, exchange.ITEM_FIELDS, "inventory")


@require_GET
def item_detail(request: HttpRequest, external_id: str) -> HttpResponse:
    item = selectors.item_get(external_id=external_id)
    return render(
        request,
        "inventory/inventory_item.html",
        {
            "item": item,
            "period": selectors.item_period(item),
            "languages": [selectors.language_label(code) for code in item.languages or []],
            "alumni_networks": selectors.item_alumni_networks(item=item, viewer=request.user),
            **selectors.translation_context(item),
        },
    )


@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.recommendation_filter(params=request.GET)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "query": querystring(request.GET, page=None),
    }
    if not filterset.is_valid():
        context.update(active_filters=[], form_errors=form_errors(filterset.form))
        return render(request, "inventory/recommendation_list.html", context, status=400)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        facets=selectors.recommendation_facets(filterset=filterset),
        active_filters=form_chips(form=filterset.form, params=request.GET),
    )
    return render(request, "inventory/recommendation_list.html", context)


@require_GET
def recommendation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = selectors.recommendation_filter(params=request.GET, language=settings.LANGUAGE_CODE)
    if not filterset.is_valid():
        return _bad_query(filterset)
    records = selectors.recommendations_export(filterset=filterset)
    return _download(records, fmt, exchange.RECOMMENDATION_FIELDS, "recommendations")


@require_GET
def recommendation_detail(request: HttpRequest, external_id: str) -> HttpResponse:
    recommendation = selectors.recommendation_get(external_id=external_id)
    return render(
        request,
        "inventory/recommendation.html",
        {"recommendation": recommendation, **selectors.translation_context(recommendation)},
    )


def _bad_query(filterset) -> HttpResponse:
    lines = [f"{error.name}: {error.message}" for error in form_errors(filterset.form)]
    return HttpResponseBadRequest(
        "\n".join([_("The query has errors:"), *lines]), content_type="text/plain; charset=utf-8"
    )


def _download(records: list, fmt: str, fields: list[str], stem: str) -> HttpResponse:
    body = exchange.dump_json(records) if fmt == "json" else exchange.dump_csv(records, fields)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
