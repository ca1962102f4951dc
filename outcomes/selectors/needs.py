"""The needs board: listing, matching needs to training and practices, the gap map.

``need_matches`` scores candidates in the database by what they share with the need
(country or region, sector, theme, audience, words of the topic). It is the one place
to switch to Elasticsearch relatedness when the search app offers it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
from inventory.models import InventoryItem
from outcomes.models import Need, NeedEndorsement
from taxonomy.models import Country, Theme

TRAINING_KINDS = (InventoryItem.Kind.COURSE, InventoryItem.Kind.TRAINING_ACTIVITY)
STOPWORDS = {
    "with",
    "from",
    "that",
    "this",
    "for",
    "and",
    "the",
    "our",
    "their",
    "into",
    "need",
    "needs",
    "training",
    "capacity",
    "staff",
    "about",
}
MATCH_LIMIT = 6


def need_list(*, viewer=None, filters: dict[str, Any] | None = None) -> QuerySet[Need]:
    filters = filters or {}
    qs = Need.objects.select_related("country", "sector", "theme", "audience", "author__profile")
    qs = qs.annotate(endorsement_count=Count("endorsements"))
    if viewer is not None and viewer.is_authenticated:
        qs = qs.annotate(
            endorsed=Exists(NeedEndorsement.objects.filter(need=OuterRef("pk"), user=viewer))
        )
    for name in ("country", "theme", "sector", "urgency", "status"):
        if filters.get(name):
            qs = qs.filter(**{name: filters[name]})
    if filters.get("region"):
        qs = qs.filter(filters["region"].country_q("country__"))
    if filters.get("sort") == "endorsed":
        return qs.order_by("-endorsement_count", "-created_at", "-pk")
    return qs.order_by("-created_at", "-pk")


def _keywords(text: str) -> list[str]:
    words = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}
    return sorted(words - STOPWORDS)[:8]


@dataclass
class Match:
    obj: Any
    score: int
    reasons: list[str] = field(default_factory=list)


def _keyword_q(words: list[str], *fields: str) -> Q:
    q = Q()
    for word in words:
        for name in fields:
            q |= Q(**{f"{name}__icontains": word})
    return q


def need_matches(need: Need, *, limit: int = MATCH_LIMIT) -> dict[str, list[Match]]:
    """Inventory items and case studies that could answer the need, best first."""
    country: Country = need.country
    region_ids = {r.pk for r in country.regions}
    words = _keywords(f"{need.title} {need.description}")

    item_q = InventoryItem.targeting_country_q(country)
    if need.sector_id:
        item_q |= Q(sectors=need.sector_id)
    if need.theme_id:
        item_q |= Q(themes=need.theme_id)
    if words:
        item_q |= _keyword_q(words, "title", "summary")
    items = (
        InventoryItem.objects.published()
        .exclude(status=InventoryItem.Status.ARCHIVED)
        .filter(pk__in=InventoryItem.objects.filter(item_q).values("pk"))
        .prefetch_related("target_countries", "target_regions", "sectors", "themes", "audiences")
    )
    item_matches = []
    for item in items:
        match = Match(item, 0)
        countries = {c.pk for c in item.target_countries.all()}
        regions = {r.pk for r in item.target_regions.all()}
        if country.pk in countries:
            match.score += 4
            match.reasons.append(_("targets %(c)s") % {"c": country.label})
        elif regions & region_ids:
            match.score += 2
            match.reasons.append(_("targets the region of %(c)s") % {"c": country.label})
        if need.sector_id and need.sector_id in {s.pk for s in item.sectors.all()}:
            match.score += 2
            match.reasons.append(_("same sector"))
        if need.theme_id and need.theme_id in {t.pk for t in item.themes.all()}:
            match.score += 3
            match.reasons.append(_("same theme"))
        if need.audience_id and need.audience_id in {a.pk for a in item.audiences.all()}:
            match.score += 1
            match.reasons.append(_("for the same audience"))
        text = f"{item.title} {item.summary}".lower()
        hits = [w for w in words if w in text]
        if hits:
            match.score += min(len(hits), 3)
            match.reasons.append(_("mentions %(w)s") % {"w": ", ".join(hits[:3])})
        if item.kind in TRAINING_KINDS:
            match.score += 1
        if match.score >= 3:
            item_matches.append(match)

    cs_q = Q(countries=country) | Q(countries__in=Country.objects.filter(_region_q(region_ids)))
    if need.sector_id:
        cs_q |= Q(sectors=need.sector_id)
    if need.theme_id:
        cs_q |= Q(themes=need.theme_id)
    if words:
        cs_q |= _keyword_q(words, "title", "summary")
    pages = (
        public_pages(CaseStudyPage)
        .filter(pk__in=CaseStudyPage.objects.filter(cs_q).values("pk"))
        .prefetch_related(
            Prefetch("countries", queryset=Country.objects.select_related("subregion")),
            "sectors",
            "themes",
        )
    )
    case_matches = []
    for page in pages:
        match = Match(page, 0)
        countries = list(page.countries.all())
        if any(c.pk == country.pk for c in countries):
            match.score += 3
            match.reasons.append(_("practised in %(c)s") % {"c": country.label})
        elif any({r.pk for r in c.regions} & region_ids for c in countries):
            match.score += 1
            match.reasons.append(_("practised in the same region"))
        if need.sector_id and need.sector_id in {s.pk for s in page.sectors.all()}:
            match.score += 2
            match.reasons.append(_("same sector"))
        if need.theme_id and need.theme_id in {t.pk for t in page.themes.all()}:
            match.score += 3
            match.reasons.append(_("same theme"))
        text = f"{page.title} {page.summary}".lower()
        hits = [w for w in words if w in text]
        if hits:
            match.score += min(len(hits), 3)
            match.reasons.append(_("mentions %(w)s") % {"w": ", ".join(hits[:3])})
        if match.score >= 3:
            case_matches.append(match)

    def best(matches: list[Match]) -> list[Match]:
        return sorted(matches, key=lambda m: (-m.score, str(m.obj)))[:limit]

    return {"inventory_items": best(item_matches), "case_studies": best(case_matches)}


def _region_q(region_ids: set[int]) -> Q:
    return (
        Q(region__in=region_ids)
        | Q(subregion__in=region_ids)
        | Q(intermediate_region__in=region_ids)
    )


def gap_map() -> dict[str, Any]:
    """Open needs by country × theme, each cell saying whether any existing or planned
    training activity (a course or training activity) targets that country — directly or
    through its region — on that theme. A fixed handful of queries."""
    rows = list(
        Need.objects.filter(status=Need.Status.OPEN, theme__isnull=False)
        .values("country_id", "theme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    country_ids = {r["country_id"] for r in rows}
    theme_ids = {r["theme_id"] for r in rows}
    countries = {
        c.pk: c
        for c in Country.objects.filter(pk__in=country_ids).select_related(
            "region", "subregion", "intermediate_region"
        )
    }
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=theme_ids)}
    training = (
        InventoryItem.objects.published()
        .filter(kind__in=TRAINING_KINDS, themes__in=theme_ids)
        .exclude(status=InventoryItem.Status.ARCHIVED)
        .prefetch_related("themes", "target_countries", "target_regions")
        .distinct()
    )
    supply: dict[tuple[int, int], int] = defaultdict(int)
    for item in training:
        item_countries = {c.pk for c in item.target_countries.all()}
        item_regions = {r.pk for r in item.target_regions.all()}
        for theme in item.themes.all():
            if theme.pk not in theme_ids:
                continue
            for cid, c in countries.items():
                if cid in item_countries or {r.pk for r in c.regions} & item_regions:
                    supply[(cid, theme.pk)] += 1
    ordered_countries = sorted(countries.values(), key=lambda c: c.label)
    ordered_themes = sorted(themes.values(), key=lambda t: t.label)
    needs = {(r["country_id"], r["theme_id"]): r["n"] for r in rows}
    grid = []
    gaps = []
    for c in ordered_countries:
        cells = []
        for t in ordered_themes:
            n = needs.get((c.pk, t.pk), 0)
            offer = supply.get((c.pk, t.pk), 0)
            cell = {"theme": t, "needs": n, "training": offer, "gap": n > 0 and offer == 0}
            cells.append(cell)
            if cell["gap"]:
                gaps.append({"country": c, "theme": t, "needs": n})
        grid.append({"country": c, "cells": cells})
    return {"themes": ordered_themes, "grid": grid, "gaps": gaps}
