"""Published GFMD recommendations: the list query, one recommendation, the export."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from inventory import exchange
from inventory.filters import RecommendationFilter
from inventory.models import InventoryItem, Recommendation

from .common import as_query


def recommendation_queryset(*, language: str | None = None) -> QuerySet[Recommendation]:
    """Published recommendations with their meeting, themes and the published items that
    respond to them."""
    return (
        Recommendation.objects.published()
        .in_language(language)
        .select_related("meeting")
        .prefetch_related(
            "themes",
            Prefetch(
                "inventory_items",
                queryset=InventoryItem.objects.published().order_by("title"),
                to_attr="published_items",
            ),
        )
    )


def recommendation_filter(
    *, params: QueryDict | dict, language: str | None = None
) -> RecommendationFilter:
    return RecommendationFilter(
        data=as_query(params), queryset=recommendation_queryset(language=language)
    )


def recommendation_get(*, external_id: str, language: str | None = None) -> Recommendation:
    recommendation = (
        recommendation_queryset(language=language).filter(external_id=external_id).first()
    )
    if recommendation is None:
        raise Http404(_("No such recommendation."))
    return recommendation


def recommendations_export(*, filterset: RecommendationFilter) -> list[dict[str, Any]]:
    qs = filterset.qs.prefetch_related(
        Prefetch("inventory_items", queryset=InventoryItem.objects.published())
    ).order_by("external_id")
    return [exchange.recommendation_record(rec) for rec in qs]
