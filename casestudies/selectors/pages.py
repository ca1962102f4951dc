"""Reads behind the listing, the case-study page, tours and feeds.

Every public surface goes through ``public_pages`` so that unpublished, private and
locked pages are excluded in one place. Query counts stay flat: filters are id
subqueries (no joins that multiply rows), all facets are counted in one query (a
grouped count per facet, joined with ``UNION ALL``), the result page prefetches its
image renditions, and taxonomy terms come from the cached taxonomy
(``selectors.taxonomy``). What is the same for every reader of a case study (its
terms, testimonies, tours and adaptations) is cached until an editor changes a page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from casestudies.forms import CaseStudyFilterForm, CommentForm
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, TestimonyPage, VirtualTourPage
from core.listings import facet
from core.structure import PAGES
from taxonomy.models import Country, Organisation, Region, Sector, Theme

from .comments import comment_tree
from .taxonomy import TAXONOMY, in_order, page_terms, taxonomy_rows

PAGE_SIZE = 12
FACETS = ("country", "region", "sector", "theme", "organisation")


def _under_restriction() -> Exists:
    """True for a page at or below a page with a view restriction. Wagtail's
    ``.public()`` fetches every restriction in Python each time it is called, and a
    listing builds its base queryset once per facet and again per translation check; a
    correlated subquery keeps that inside the one SQL query."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public_pages(model: type[Page]) -> QuerySet:
    """Pages a reader may see: live, not behind a privacy restriction, not locked."""
    return model.objects.live().filter(~_under_restriction(), locked=False)


def reader_versions(qs: QuerySet, language: str | None = None) -> QuerySet:
    """One version of each page for a listing: the reader's language where a live,
    unlocked version exists, else the default language's, else whatever is live.

    Done with two correlated subqueries inside the one listing query, so that query
    counts stay flat however many translations there are.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    default = settings.LANGUAGE_CODE
    shown = public_pages(qs.model)
    in_reader = shown.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    in_default = shown.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default
    )
    return qs.filter(
        Q(locale__language_code=language)
        | (~Exists(in_reader) & (Q(locale__language_code=default) | ~Exists(in_default)))
    )


def _in_section(qs: QuerySet, index: CaseStudyIndexPage | None) -> QuerySet:
    """Pages under the index or under any of its translations."""
    if index is None:
        return qs
    paths = CaseStudyIndexPage.objects.filter(translation_key=index.translation_key).values_list(
        "path", flat=True
    )
    clause = Q()
    for path in paths:
        clause |= Q(path__startswith=path, depth=index.depth + 1)
    return qs.filter(clause) if clause else qs.none()


def _renditions() -> Prefetch:
    return Prefetch("hero_image__renditions")


#: The listing's many-to-many facets: facet name → (page field, term id column).
_M2M_FACETS = {
    "country": ("countries", "country_id"),
    "sector": ("sectors", "sector_id"),
    "theme": ("themes", "theme_id"),
    "organisation": ("organisations", "organisation_id"),
}
_FACET_MODELS = {
    "country": Country,
    "sector": Sector,
    "theme": Theme,
    "organisation": Organisation,
}


def _through(field: str):
    return getattr(CaseStudyPage, field).through.objects


def _filtered(
    cleaned: dict[str, Any], *, skip: str | None = None, base: QuerySet | None = None
) -> QuerySet[CaseStudyPage]:
    qs = base if base is not None else reader_versions(public_pages(CaseStudyPage))
    if cleaned.get("country") and skip != "country":
        qs = qs.filter(
            pk__in=_through("countries")
            .filter(country=cleaned["country"])
            .values("casestudypage_id")
        )
    if cleaned.get("region") and skip != "region":
        countries = Country.objects.filter(cleaned["region"].country_q())
        qs = qs.filter(
            pk__in=_through("countries").filter(country__in=countries).values("casestudypage_id")
        )
    for name in ("sector", "theme", "organisation"):
        if cleaned.get(name) and skip != name:
            field, _column = _M2M_FACETS[name]
            qs = qs.filter(
                pk__in=_through(field).filter(**{name: cleaned[name]}).values("casestudypage_id")
            )
    if cleaned.get("year_from"):
        qs = qs.filter(period_start__isnull=False).filter(
            Q(period_end__isnull=True) | Q(period_end__gte=cleaned["year_from"])
        )
    if cleaned.get("year_to"):
        qs = qs.filter(period_start__lte=cleaned["year_to"])
    return qs


def _facet_counts(cleaned: dict[str, Any], base: QuerySet) -> dict[str, dict[int, int]]:
    """How many results each term of each facet would give, in one query: a grouped
    count per facet over the through tables (each facet applying every filter but its
    own), joined with ``UNION ALL``. Regions count the pages in any of their countries,
    at both levels (region and sub-region)."""
    parts = []
    for name, (field, column) in _M2M_FACETS.items():
        pages = _filtered(cleaned, skip=name, base=base).values("pk")
        parts.append(_through(field).filter(casestudypage_id__in=pages).values(column))
    pages = _filtered(cleaned, skip="region", base=base).values("pk")
    for column in ("country__region_id", "country__subregion_id"):
        parts.append(
            _through("countries")
            .filter(casestudypage_id__in=pages, **{f"{column}__isnull": False})
            .values(column)
        )
    names = [*_M2M_FACETS, "region", "region"]
    grouped = [
        part.annotate(facet=Value(name), n=Count("casestudypage_id", distinct=True))
        .values_list("facet", part.query.values_select[0], "n")
        .order_by()
        for name, part in zip(names, parts, strict=True)
    ]
    counts: dict[str, dict[int, int]] = {name: {} for name in FACETS}
    first, *rest = grouped
    for name, term_id, n in first.union(*rest, all=True):
        counts[name][term_id] = n
    return counts


def _taxonomy_options(name: str, counts: dict[int, int]) -> list[tuple[str, str, int]]:
    model = _FACET_MODELS[name]
    key = "code" if model is Country else "slug"
    return [(getattr(row, key), row.label, counts[row.pk]) for row in in_order(model, counts)]


def _region_options(counts: dict[int, int]) -> list[tuple[str, str, int]]:
    regions = in_order(Region, counts)
    items = sorted(
        regions, key=lambda r: (r.parent.label if r.parent else r.label, r.level, r.label)
    )
    return [
        (r.code, r.label if r.level == Region.Level.REGION else f"— {r.label}", counts[r.pk])
        for r in items
    ]


def _chosen(form: CaseStudyFilterForm, cleaned: dict[str, Any], name: str) -> list[str]:
    if name not in cleaned:
        return []
    return [getattr(cleaned[name], form.fields[name].to_field_name)]


def _attach_terms(pages: list[CaseStudyPage]) -> None:
    """``country_list`` and ``theme_list`` on each result card: which terms, from one
    query; the terms themselves, from the cached taxonomy."""
    relations = (("countries", Country, "country_list"), ("themes", Theme, "theme_list"))
    terms = page_terms(
        {field: (_through(field), f"{model._meta.model_name}_id") for field, model, _ in relations},
        [p.pk for p in pages],
    )
    for field, model, attr in relations:
        by_page = terms[field]
        rows = taxonomy_rows(model, {pk for ids in by_page.values() for pk in ids})
        rank = {pk: i for i, pk in enumerate(rows)}
        for page in pages:
            ids = sorted(by_page.get(page.pk, ()), key=rank.__getitem__)
            setattr(page, attr, [rows[pk] for pk in ids])


def case_study_listing(
    *, form: CaseStudyFilterForm, page_number: str | int | None = 1
) -> dict[str, Any]:
    """The listing page: one page of results, facet counts and the active filters.

    Facets are "disjunctive": the counts for a facet apply every other active filter,
    so a reader can see what choosing another country would give without clearing it.
    The base queryset (what a reader may see, one version per page) is built once; all
    facets are counted in one query, the total and the range of years in another, and
    terms' labels come from the cached taxonomy.
    """
    cleaned = form.cleaned_filters()
    base = reader_versions(public_pages(CaseStudyPage))
    counts = _facet_counts(cleaned, base)
    options = {
        name: _region_options(counts[name])
        if name == "region"
        else _taxonomy_options(name, counts[name])
        for name in FACETS
    }
    facet_list = [
        facet(
            name=name,
            label=form.fields[name].label,
            options=options[name],
            selected=_chosen(form, cleaned, name),
            errors=form.errors.get(name, []) if form.is_bound else [],
        )
        for name in FACETS
    ]
    results = _filtered(cleaned, base=base)
    summary = base.aggregate(
        first=Min("period_start"),
        last=Max("period_start"),
        total=Count("pk", filter=Q(pk__in=results.values("pk"))),
    )
    if cleaned.get("sort") == "title":
        results = results.order_by("title", "pk")
    else:
        results = results.order_by("-first_published_at", "-pk")
    results = results.select_related("hero_image").prefetch_related(_renditions())
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = summary["total"]  # counted above, with the years
    page_obj: PaginatorPage = paginator.get_page(page_number)
    page_obj.object_list = list(page_obj.object_list)
    _attach_terms(page_obj.object_list)
    return {
        "results": page_obj,
        "paginator": paginator,
        "facets": facet_list,
        "years": {"first": summary["first"], "last": summary["last"]},
        "active_filters": form.active_filters(),
        "querystring": form.querystring(),
    }


def _author(page: CaseStudyPage):
    """The member who wrote the case study (its owner), while they are a member, so that
    readers can see who wrote it and follow them (one query)."""
    if page.owner_id is None:
        return None
    return (
        get_user_model()
        .objects.select_related("profile")
        .filter(pk=page.owner_id, is_active=True, deleted_at__isnull=True)
        .first()
    )


def _editorial_context(page: CaseStudyPage) -> dict[str, Any]:
    """What editors attached to the page: its terms, the testimonies and tours of it,
    what it was adapted from and where it was replicated. The same for every reader of
    a language."""
    return {
        "countries": list(page.countries.select_related("region", "subregion")),
        "sectors": list(page.sectors.all()),
        "themes": list(page.themes.all()),
        "organisations": list(page.organisations.all()),
        "testimonies": list(
            reader_versions(public_pages(TestimonyPage))
            .filter(case_study__translation_key=page.translation_key)
            .select_related("organisation")
            .order_by("title")
        ),
        "tours": list(
            reader_versions(public_pages(VirtualTourPage))
            .filter(case_study__translation_key=page.translation_key)
            .annotate(stop_count=Count("stops"))
            .order_by("title")
        ),
        "adapted_from": (
            public_pages(CaseStudyPage).filter(pk=page.adapted_from_id).first()
            if page.adapted_from_id
            else None
        ),
        "adaptations": list(
            reader_versions(public_pages(CaseStudyPage))
            .filter(adapted_from__translation_key=page.translation_key)
            .prefetch_related("countries")
            .order_by("title")
        ),
    }


def _cached_editorial_context(page: CaseStudyPage, request: HttpRequest) -> dict[str, Any]:
    """The editorial context of the live page, cached under the ``pages`` version (any
    page saved, published, unpublished, moved, deleted or made private replaces it)
    and the taxonomy's (terms and organisations carry their labels). A preview shows
    the draft's own terms, so it is never cached."""
    if getattr(request, "is_preview", False):
        return _editorial_context(page)
    language = get_language() or settings.LANGUAGE_CODE
    return PAGES.get_or_set(
        ("case-study-context", page.pk, language, TAXONOMY.version()),
        lambda: _editorial_context(page),
        shared=False,
    )


def case_study_page_context(*, page: CaseStudyPage, request: HttpRequest) -> dict[str, Any]:
    """Everything the case-study page shows beside its own fields: the editorial context
    (cached, the same for every reader), then what depends on the reader (comments and
    what they may do with them, the reply form)."""
    indicators = [block.value for block in page.results]
    chart = [i for i in indicators if i.achieved_share is not None]
    reply_to = request.GET.get("reply_to")
    return {
        **_cached_editorial_context(page, request),
        "indicators": indicators,
        "chart_indicators": chart,
        "author": _author(page),
        "comments": comment_tree(page=page, viewer=request.user),
        "comment_form": CommentForm(
            initial={"reply_to": reply_to if (reply_to or "").isdigit() else None}
        ),
        "reply_to": comment_reply_target(page=page, reply_to=reply_to),
    }


def comment_reply_target(*, page: CaseStudyPage, reply_to: str | None):
    if not (reply_to or "").isdigit():
        return None
    from .comments import comments_for_page

    return comments_for_page(page).filter(pk=int(reply_to), is_removed=False).first()


def published_testimonies(*, index: CaseStudyIndexPage | None = None) -> QuerySet[TestimonyPage]:
    qs = _in_section(reader_versions(public_pages(TestimonyPage)), index)
    return qs.select_related("organisation", "case_study").order_by("title")


def tour_list(*, index: CaseStudyIndexPage | None = None) -> QuerySet[VirtualTourPage]:
    qs = _in_section(reader_versions(public_pages(VirtualTourPage)), index)
    return qs.select_related("case_study").annotate(stop_count=Count("stops")).order_by("title")


def tour_context(*, page: VirtualTourPage, number: int | None) -> dict[str, Any]:
    """The stops of a tour and the one being shown (1-based); LookupError if none."""
    image_model = get_image_model()
    stops = list(
        page.stops.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=image_model.get_rendition_model().objects.all())
        )
    )
    current = None
    if number is not None:
        if not 1 <= number <= len(stops):
            raise LookupError(number)
        current = stops[number - 1]
    located = [s for s in stops if s.has_coordinates]
    return {
        "stops": stops,
        "stop": current,
        "stop_number": number,
        "previous_number": number - 1 if number and number > 1 else None,
        "next_number": (number or 0) + 1 if (number or 0) < len(stops) else None,
        "map_points": _map_points(stops) if located else [],
        "case_study_link": (
            public_pages(CaseStudyPage).filter(pk=page.case_study_id).first()
            if page.case_study_id
            else None
        ),
    }


def _map_points(stops) -> list[dict[str, Any]]:
    """Place located stops in a 100×60 box (equirectangular, padded): a schematic map
    drawn as SVG by the page itself, with no tile server."""
    located = [(i, s) for i, s in enumerate(stops, start=1) if s.has_coordinates]
    lats = [float(s.latitude) for _, s in located]
    lons = [float(s.longitude) for _, s in located]
    lat_span = max(max(lats) - min(lats), 1e-3)
    lon_span = max(max(lons) - min(lons), 1e-3)
    points = []
    for number, stop in located:
        x = 10 + (float(stop.longitude) - min(lons)) / lon_span * 80
        y = 50 - (float(stop.latitude) - min(lats)) / lat_span * 40
        points.append({"number": number, "stop": stop, "x": round(x, 2), "y": round(y, 2)})
    return points


def feed_case_studies(
    *, theme: Theme | None = None, country: Country | None = None, limit: int = 30
) -> QuerySet[CaseStudyPage]:
    qs = reader_versions(public_pages(CaseStudyPage))
    if theme is not None:
        qs = qs.filter(
            pk__in=CaseStudyPage.themes.through.objects.filter(theme=theme).values(
                "casestudypage_id"
            )
        )
    if country is not None:
        qs = qs.filter(
            pk__in=CaseStudyPage.countries.through.objects.filter(country=country).values(
                "casestudypage_id"
            )
        )
    return qs.prefetch_related("themes", "countries").order_by("-first_published_at")[:limit]
