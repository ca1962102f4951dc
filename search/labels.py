"""Names users read for the codes documents carry (ISO codes, M49 codes, slugs), and the
short reasons given for a related item. Shared by both backends."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from taxonomy.languages import LANGUAGE_CHOICES
from taxonomy.models import Country, Region, Sector, Theme

from .registry import get_searchable

_LEVEL_ORDER = {"intermediate": 0, "subregion": 1, "region": 2}


def facet_labels(facet: str, values: Iterable[str]) -> dict[str, str]:
    """Labels for one facet's values, in one query at most."""
    values = [str(value) for value in values]
    if not values:
        return {}
    if facet == "type":
        labels = {}
        for value in values:
            searchable = get_searchable(value)
            labels[value] = str(searchable.label_plural) if searchable else value
        return labels
    if facet == "language":
        names = dict(LANGUAGE_CHOICES)
        return {value: str(names.get(value, value)) for value in values}
    if facet == "year":
        return {value: value for value in values}
    if facet == "replicated_in":
        return _place_labels(values)
    model, key = {
        "country": (Country, "code"),
        "region": (Region, "code"),
        "sector": (Sector, "slug"),
        "theme": (Theme, "slug"),
    }[facet]
    found = {getattr(obj, key): obj.label for obj in model.objects.filter(**{f"{key}__in": values})}
    return {value: found.get(value, value) for value in values}


def _place_labels(values: list[str], *, fallback: bool = True) -> dict[str, str]:
    """Labels of a mix of ISO country codes (two letters) and M49 region codes (three
    digits) — the "Replicated in" facet holds both — in two queries at most."""
    countries = [v for v in values if len(v) == 2 and v.isalpha()]
    regions = [v for v in values if len(v) == 3 and v.isdigit()]
    found = {}
    if countries:
        found.update({c.code: c.label for c in Country.objects.filter(code__in=countries)})
    if regions:
        found.update({r.code: r.label for r in Region.objects.filter(code__in=regions)})
    if not fallback:
        return found
    return {value: found.get(value, value) for value in values}


def known_values(facet: str, values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split requested facet values into (known, unknown)."""
    values = list(dict.fromkeys(values))
    if facet == "type":
        known = {value for value in values if get_searchable(value)}
    elif facet == "language":
        codes = {code for code, _name in LANGUAGE_CHOICES}
        known = {value for value in values if value in codes}
    elif facet == "year":
        known = {value for value in values if value.isdigit() and 1900 <= int(value) <= 2200}
    elif facet == "replicated_in":
        known = set(_place_labels(values, fallback=False))
    else:
        model, key = {
            "country": (Country, "code"),
            "region": (Region, "code"),
            "sector": (Sector, "slug"),
            "theme": (Theme, "slug"),
        }[facet]
        candidates = [value for value in values if len(value) <= 100]
        known = set(model.objects.filter(**{f"{key}__in": candidates}).values_list(key, flat=True))
    return [v for v in values if v in known], [v for v in values if v not in known]


def related_reasons(source: dict, others: list[dict], *, limit: int = 3) -> list[list[str]]:
    """For each related document, the short human reasons it is related to ``source``:
    shared themes first (the strongest editorial signal), then the same country, the
    most specific shared region, and shared sectors. Labels are fetched once for all."""
    shared_all = []
    wanted: dict[str, set[str]] = {
        "themes": set(),
        "countries": set(),
        "regions": set(),
        "sectors": set(),
    }
    for other in others:
        shared = {
            field: sorted(set(source.get(field) or ()) & set(other.get(field) or ()))
            for field in wanted
        }
        for field, values in shared.items():
            wanted[field].update(values)
        shared_all.append(shared)

    themes = {t.slug: t.label for t in Theme.objects.filter(slug__in=wanted["themes"])}
    sectors = {s.slug: s.label for s in Sector.objects.filter(slug__in=wanted["sectors"])}
    countries = {c.code: c.label for c in Country.objects.filter(code__in=wanted["countries"])}
    regions = {
        r.code: r for r in Region.objects.filter(code__in=wanted["regions"]).exclude(code="001")
    }

    reasons_all = []
    for shared in shared_all:
        reasons: list[str] = []
        reasons += [
            _("Shared theme: %(name)s") % {"name": themes[slug]}
            for slug in shared["themes"]
            if slug in themes
        ]
        reasons += [
            _("Same country: %(name)s") % {"name": countries[code]}
            for code in shared["countries"]
            if code in countries
        ]
        shared_regions = sorted(
            (regions[code] for code in shared["regions"] if code in regions),
            key=lambda region: _LEVEL_ORDER.get(region.level, 9),
        )
        if shared_regions and not shared["countries"]:
            reasons.append(_("Same region: %(name)s") % {"name": shared_regions[0].label})
        reasons += [
            _("Shared sector: %(name)s") % {"name": sectors[slug]}
            for slug in shared["sectors"]
            if slug in sectors
        ]
        if not reasons:
            reasons.append(_("Similar wording"))
        reasons_all.append(reasons[:limit])
    return reasons_all
