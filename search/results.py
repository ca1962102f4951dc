"""The shapes both backends answer in, so views, the API and templates never care which
backend answered."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PER_PAGE = 20
MAX_RESULT_WINDOW = 10_000
MAX_PAGE = MAX_RESULT_WINDOW // PER_PAGE
MAX_QUERY_LENGTH = 500

SORTS = {"relevance": _("Relevance"), "date": _("Newest first")}

# URL parameter -> document field, in the order the facets are shown.
FACETS: dict[str, str] = {
    "type": "type",
    "country": "countries",
    "region": "regions",
    "replicated_in": "replicated_in",
    "sector": "sectors",
    "theme": "themes",
    "language": "languages",
    "year": "year",
}
FACET_LABELS = {
    "type": _("Type"),
    "country": _("Country"),
    "region": _("Region"),
    "replicated_in": _("Replicated in"),
    "sector": _("Sector"),
    "theme": _("Theme"),
    "language": _("Language"),
    "year": _("Year"),
}
FACET_SIZES = {
    "type": 20,
    "country": 30,
    "region": 30,
    "replicated_in": 30,
    "sector": 30,
    "theme": 30,
    "language": 20,
    "year": 30,
}


@dataclass
class SearchParams:
    """A validated search request (see ``search.forms``)."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    sort: str = "relevance"
    per_page: int = PER_PAGE
    #: The reader's language, ranked first (both backends); "" ranks no language first.
    language: str = field(default_factory=lambda: get_language() or "")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    type: str
    id: int
    title: str
    url: str
    type_label: str
    meta: str = ""
    date: date | None = None
    title_html: str = ""
    snippet_html: str = ""
    score: float | None = None
    #: The language the item is written in ("" when unknown, as for a forum topic).
    language: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def has_selection(self) -> bool:
        return any(value.selected for value in self.values)


@dataclass
class SearchResults:
    params: SearchParams
    hits: list[Hit]
    total: int
    facets: list[Facet]
    backend: str
    suggestion: str = ""
    incomplete: bool = False
    #: No result had every word: these match most of them (or close spellings).
    relaxed: bool = False
    #: Nothing matched what was typed: these are the results for ``suggestion``.
    corrected_from: str = ""
    #: The other-language names of the concepts the query named, searched too.
    expansions: list[str] = field(default_factory=list)
    #: Themes, sectors, countries and regions the query named, offered as filters
    #: (``search.understanding.Tag``) — those not already selected.
    recognised: list = field(default_factory=list)

    @property
    def pages(self) -> int:
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, math.ceil(reachable / self.params.per_page))


@dataclass
class RelatedItem:
    type: str
    id: int
    title: str
    url: str
    type_label: str
    reasons: list[str]
    chosen: bool = False
    score: float | None = None
    #: Ties the item to its translations, which must not be listed beside it.
    translation_key: str = ""


@dataclass
class RelatedSection:
    type: str
    label: str
    items: list[RelatedItem]


@dataclass
class Related:
    sections: list[RelatedSection]
    backend: str
    incomplete: bool = False

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)


@dataclass
class Suggestion:
    type: str
    id: int
    title: str
    url: str
    type_label: str
