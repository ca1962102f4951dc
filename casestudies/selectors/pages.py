"""Reads behind the listing, the case-study page, tours and feeds.

Every public surface goes through ``public_pages`` so that unpublished, private and
locked pages are excluded in one place. Query counts stay flat: filters are id
subqueries (no joins that multiply rows), each facet is one grouped query, and the
result page prefetches its taxonomy and image renditions.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from casestudies.forms import CaseStudyFilterForm, CommentForm
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, TestimonyPage, VirtualTourPage
from core.listings import facet
from taxonomy.models import Country, Organisation, Region, Sector, Theme

from .comments import comment_tree

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


def _filtered(cleaned: dict[str, Any], *, skip: str | None = None) -> QuerySet[CaseStudyPage]:
    qs = reader_versions(public_pages(CaseStudyPage))
    through = CaseStudyPage.countries.through
    if cleaned.get("country") and skip != "country":
        qs = qs.filter(
            pk__in=through.objects.filter(country=cleaned["country"]).values("casestudypage_id")
        )
    if cleaned.get("region") and skip != "region":
        countries = Country.objects.filter(cleaned["region"].country_q())
        qs = qs.filter(
            pk__in=through.objects.filter(country__in=countries).values("casestudypage_id")
        )
    for name, field in (
        ("sector", "sectors"),
        ("theme", "themes"),
        ("organisation", "organisations"),
    ):
        if cleaned.get(name) and skip != name:
            m2m = getattr(CaseStudyPage, field).through
            qs = qs.filter(
                pk__in=m2m.objects.filter(**{name: cleaned[name]}).values("casestudypage_id")
            )
    if cleaned.get("year_from"):
        qs = qs.filter(period_start__isnull=False).filter(
            Q(period_end__isnull=True) | Q(period_end__gte=cleaned["year_from"])
        )
    if cleaned.get("year_to"):
        qs = qs.filter(period_start__lte=cleaned["year_to"])
    return qs


def _taxonomy_facet(model, relation: str, base: QuerySet) -> list[tuple[str, str, int]]:
    rows = (
        model.objects.filter(**{f"{relation}__in": base.values("pk")})
        .annotate(count=Count(relation))
        .order_by("name")
    )
    key = "code" if model is Country else "slug"
    return [(getattr(row, key), row.label, row.count) for row in rows]


def _region_facet(base: QuerySet) -> list[tuple[str, str, int]]:
    through = CaseStudyPage.countries.through
    rows = through.objects.filter(casestudypage_id__in=base.values("pk")).values_list(
        "casestudypage_id", "country__region_id", "country__subregion_id"
    )
    pages_by_region: dict[int, set[int]] = {}
    for page_id, *region_ids in rows:
        for region_id in region_ids:
            if region_id:
                pages_by_region.setdefault(region_id, set()).add(page_id)
    counts = Counter({rid: len(pids) for rid, pids in pages_by_region.items()})
    regions = Region.objects.filter(pk__in=counts).select_related("parent")
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


def case_study_listing(
    *, form: CaseStudyFilterForm, page_number: str | int | None = 1
) -> dict[str, Any]:
    """The listing page: one page of results, facet counts and the active filters.

    Facets are "disjunctive": the counts for a facet apply every other active filter,
    so a reader can see what choosing another country would give without clearing it.
    """
    cleaned = form.cleaned_filters()
    options = {
        "country": _taxonomy_facet(Country, "case_studies", _filtered(cleaned, skip="country")),
        "region": _region_facet(_filtered(cleaned, skip="region")),
        "sector": _taxonomy_facet(Sector, "case_studies", _filtered(cleaned, skip="sector")),
        "theme": _taxonomy_facet(Theme, "case_studies", _filtered(cleaned, skip="theme")),
        "organisation": _taxonomy_facet(
            Organisation, "case_studies", _filtered(cleaned, skip="organisation")
        ),
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
    results = _filtered(cleaned)
    if cleaned.get("sort") == "title":
        results = results.order_by("title", "pk")
    else:
        results = results.order_by("-first_published_at", "-pk")
    results = results.select_related("hero_image").prefetch_related(
        "countries", "themes", _renditions()
    )
    paginator = Paginator(results, PAGE_SIZE)
    page_obj: PaginatorPage = paginator.get_page(page_number)
    years = reader_versions(public_pages(CaseStudyPage)).aggregate(
        first=Min("period_start"), last=Max("period_start")
    )
    return {
        "results": page_obj,
        "paginator": paginator,
        "facets": facet_list,
        "years": years,
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


def case_study_page_context(*, page: CaseStudyPage, request: HttpRequest) -> dict[str, Any]:
    """Everything the case-study page shows beside its own fields."""
    indicators = [block.value for block in page.results]
    chart = [i for i in indicators if i.achieved_share is not None]
    reply_to = request.GET.get("reply_to")
    return {
        "countries": list(page.countries.select_related("region", "subregion")),
        "sectors": list(page.sectors.all()),
        "themes": list(page.themes.all()),
        "organisations": list(page.organisations.all()),
        "indicators": indicators,
        "chart_indicators": chart,
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
