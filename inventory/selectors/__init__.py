"""Reads of the inventory shared by the public pages, the exports and the JSON API.

Only published (``live``) items and recommendations are ever public. List querysets
prefetch everything a result shows, so the number of queries per page does not grow with
the page size; "why it matched" is worked out in Python from the prefetched relations.

A package of small modules; import from ``inventory.selectors``.
"""

from .common import LANGUAGE_NAMES, as_query, language_label, translation_context
from .facets import item_facets, recommendation_facets
from .items import (
    country_options,
    item_alumni_networks,
    item_filter,
    item_get,
    item_period,
    item_queryset,
    items_export,
    region_options,
)
from .matching import match_reasons
from .recommendations import (
    recommendation_filter,
    recommendation_get,
    recommendation_queryset,
    recommendations_export,
)

__all__ = [
    "LANGUAGE_NAMES",
    "as_query",
    "country_options",
    "item_alumni_networks",
    "item_facets",
    "item_filter",
    "item_get",
    "item_period",
    "item_queryset",
    "items_export",
    "language_label",
    "match_reasons",
    "recommendation_facets",
    "recommendation_filter",
    "recommendation_get",
    "recommendation_queryset",
    "recommendations_export",
    "region_options",
    "translation_context",
]
