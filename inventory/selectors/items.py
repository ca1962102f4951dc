"""Published inventory items: the list query, one item, and what its page and exports show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from community.selectors import group_list
from inventory import exchange
from inventory.filters import InventoryItemFilter
from inventory.models import InventoryItem
from inventory.regions import RegionTree
from taxonomy.models import Country

from .common import as_query


def item_queryset(*, language: str | None = None) -> QuerySet[InventoryItem]:
    """Published items, one version each in the reader's ``language`` (the original
    where it has no published translation), with every relation a list, an export or
    the API shows."""
    return (
        InventoryItem.objects.published()
        .in_language(language)
        .prefetch_related(
            "providers",
            Prefetch(
                "target_countries",
                queryset=Country.objects.only(
                    "pk",
                    "code",
                    "name",
                    "translations",
                    "region",
                    "subregion",
                    "intermediate_region",
                ),
            ),
            "target_regions",
            "sectors",
            "themes",
            "audiences",
        )
    )


def item_filter(
    *, params: QueryDict | dict, tree: RegionTree | None = None, language: str | None = None
) -> InventoryItemFilter:
    """A bound, validated query over published items (check ``.is_valid()``)."""
    return InventoryItemFilter(
        data=as_query(params), queryset=item_queryset(language=language), tree=tree
    )


def item_get(*, external_id: str, language: str | None = None) -> InventoryItem:
    """One published item in the reader's language (else its original) with what its
    page shows, or 404. Its recommendations and case studies are shown by
    ``{% related_items %}`` (editors' links first)."""
    item = item_queryset(language=language).filter(external_id=external_id).first()
    if item is None:
        raise Http404(_("No such inventory item."))
    return item


def item_alumni_networks(*, item: InventoryItem, viewer) -> list:
    """The alumni networks of a course that the viewer may see (the community app's
    visibility rule decides; secret networks stay hidden from non-members)."""
    return list(group_list(viewer=viewer).filter(course=item).order_by("-cohort_year", "name"))


def region_options(tree: RegionTree) -> list[tuple[str, str]]:
    return [(region.code, "\u2003" * depth + region.label) for region, depth in tree.ordered()]


def country_options() -> list[tuple[str, str]]:
    return sorted(((c.code, c.label) for c in Country.objects.all()), key=lambda o: o[1])


def items_export(*, filterset: InventoryItemFilter) -> list[dict[str, Any]]:
    """The current query, in the import format (export → import gives the same data)."""
    return [exchange.item_record(item) for item in filterset.qs.order_by("external_id")]


def item_period(item: InventoryItem) -> str:
    def fmt(day: dt.date | None) -> str:
        return day.isoformat() if day else "…"

    if item.start_date or item.end_date:
        return f"{fmt(item.start_date)} – {fmt(item.end_date)}"
    if item.cohort_year:
        return str(item.cohort_year)
    return _("undated")
