"""Turning what a user typed into a safe search request.

The page is lenient (an unknown facet value is ignored, a page number out of range is
clamped); the API is strict (it answers 400 with the field and the reason). Either
way, nothing a user types reaches Elasticsearch as query syntax: text goes through
``simple_query_string``, which never fails to parse.
"""

from __future__ import annotations

import re
import unicodedata

from django.http import QueryDict
from django.utils.translation import gettext as _

from core.markdown import clean_text

from .labels import known_values
from .results import FACETS, MAX_PAGE, MAX_QUERY_LENGTH, SORTS, SearchParams

_SPACES = re.compile(r"\s+")


def clean_query(raw: str, *, max_length: int = MAX_QUERY_LENGTH) -> str:
    """Drop control characters (PostgreSQL refuses NUL), undecodable bytes (Django
    turned them into U+FFFD) and bidirectional overrides (they would reorder the echoed
    query on the page), collapse white space and cut to a sane length."""
    raw = clean_text(raw[: max_length * 4])
    text = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cs", "Co"} or ch == "\ufffd" else ch
        for ch in raw[: max_length * 4]
    )
    return _SPACES.sub(" ", text).strip()[:max_length].strip()


def parse_search_params(
    data: QueryDict, *, strict: bool = False
) -> tuple[SearchParams, dict[str, list[str]]]:
    """Return the request's search parameters and, for the API, the field errors."""
    errors: dict[str, list[str]] = {}
    raw_q = data.get("q", "")
    if strict and len(raw_q) > MAX_QUERY_LENGTH * 20:
        errors["q"] = [_("The query is too long.")]
    q = clean_query(raw_q)

    filters: dict[str, list[str]] = {}
    for name in FACETS:
        raw_values = [clean_query(v, max_length=100) for v in data.getlist(name)[:20]]
        values = [v for v in raw_values if v]
        if name in ("country", "replicated_in"):
            values = [v.upper() for v in values]
        if not values:
            continue
        known, unknown = known_values(name, values)
        if unknown and strict:
            errors[name] = [_("Unknown value: %(values)s.") % {"values": ", ".join(unknown[:5])}]
        if known:
            filters[name] = known

    sort = data.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        if strict:
            errors["sort"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)}]
        sort = "relevance"

    raw_page = data.get("page", "1") or "1"
    try:
        page = int(raw_page)
    except ValueError:
        page = 0 if strict else 1
        if strict:
            errors["page"] = [_("A page number is a whole number.")]
    else:
        if strict and not 1 <= page <= MAX_PAGE and "page" not in errors:
            errors["page"] = [_("Choose a page between 1 and %(max)s.") % {"max": MAX_PAGE}]
        page = min(max(page, 1), MAX_PAGE)

    return SearchParams(q=q, filters=filters, page=max(page, 1), sort=sort), errors
