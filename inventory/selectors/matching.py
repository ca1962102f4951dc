"""Why an item matched: plain sentences saying why it is in the results of a query."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from inventory.models import InventoryItem
from inventory.regions import WORLD_CODE, RegionTree
from taxonomy.models import Country, Region

from .common import language_label
from .items import item_period


def match_reasons(*, item: InventoryItem, criteria: dict[str, Any], tree: RegionTree) -> list[str]:
    """Plain sentences saying why an item is in the results of a query. ``criteria`` is
    the filterset's cleaned data; relations must be prefetched."""
    reasons: list[str] = []
    countries = list(item.target_countries.all())
    regions = list(item.target_regions.all())
    country = criteria.get("country")
    if country:
        reasons.extend(_country_reasons(country, countries, regions))
    region = criteria.get("region")
    if region:
        reasons.extend(_region_reasons(region, countries, regions, tree))
    for key, attr, template in (
        ("theme", "themes", _("Theme: %(names)s.")),
        ("sector", "sectors", _("Sector: %(names)s.")),
        ("audience", "audiences", _("For %(names)s.")),
    ):
        wanted = {obj.pk for obj in criteria.get(key) or []}
        if wanted:
            names = [obj.label for obj in getattr(item, attr).all() if obj.pk in wanted]
            if names:
                reasons.append(template % {"names": ", ".join(names)})
    language = criteria.get("language")
    if language:
        reasons.append(_("Offered in %(language)s.") % {"language": language_label(language)})
    if criteria.get("date_from") or criteria.get("date_to"):
        reasons.append(_("Runs %(period)s, within your dates.") % {"period": item_period(item)})
    certification = criteria.get("certification")
    if certification == "true":
        reasons.append(_("Offers certification."))
    elif certification == "false":
        reasons.append(_("Does not offer certification."))
    replicable_in = criteria.get("replicable_in")
    if replicable_in:
        reasons.append(
            _("Has parts that can be replicated in %(country)s.") % {"country": replicable_in.label}
        )
        if replicable_in != country:
            reasons.extend(_country_reasons(replicable_in, countries, regions))
    if criteria.get("q"):
        reasons.append(_("Mentions “%(q)s”.") % {"q": criteria["q"]})
    return reasons


def _country_reasons(country: Country, countries: list, regions: list) -> list[str]:
    reasons = []
    if any(c.pk == country.pk for c in countries):
        reasons.append(_("Targets %(country)s directly.") % {"country": country.label})
    country_region_ids = {r.pk for r in country.regions}
    for region in regions:
        if region.pk in country_region_ids:
            reasons.append(
                _("Targets %(region)s, which includes %(country)s.")
                % {"region": region.label, "country": country.label}
            )
        elif region.code == WORLD_CODE:
            reasons.append(
                _("Open worldwide, which includes %(country)s.") % {"country": country.label}
            )
    return reasons


def _region_reasons(region: Region, countries: list, regions: list, tree: RegionTree) -> list[str]:
    reasons = []
    descendants = tree.descendant_ids(region.pk)
    ancestors = tree.ancestor_ids(region.pk)
    for target in regions:
        if target.pk == region.pk:
            reasons.append(_("Targets %(region)s.") % {"region": region.label})
        elif target.pk in descendants:
            reasons.append(
                _("Targets %(part)s, part of %(region)s.")
                % {"part": target.label, "region": region.label}
            )
        elif target.pk in ancestors:
            reasons.append(
                _("Targets %(whole)s, which includes %(region)s.")
                % {"whole": target.label, "region": region.label}
            )
        elif target.code == WORLD_CODE:
            reasons.append(
                _("Open worldwide, which includes %(region)s.") % {"region": region.label}
            )
    inside = [
        c.label
        for c in countries
        if region.pk in {c.region_id, c.subregion_id, c.intermediate_region_id}
    ]
    if inside:
        reasons.append(
            _("Targets %(countries)s, in %(region)s.")
            % {"countries": ", ".join(inside), "region": region.label}
        )
    return reasons
