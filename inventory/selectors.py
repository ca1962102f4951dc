"""Reads of the inventory shared by the public pages, the exports and the JSON API.

Only published (``live``) items and recommendations are ever public. List querysets
prefetch everything a result shows, so the number of queries per page does not grow with
the page size; "why it matched" is worked out in Python from the prefetched relations.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from community.selectors import group_list
from core.listings import Facet, facet
from taxonomy.languages import LANGUAGE_CHOICES
from taxonomy.models import Audience, Country, Region, Sector, Theme

from . import exchange
from .filters import InventoryItemFilter, RecommendationFilter
from .models import GFMDMeeting, InventoryItem, Recommendation
from .regions import WORLD_CODE, RegionTree

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def language_label(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    info = LANG_INFO.get(code)
    return info["name"] if info else code


# ---------------------------------------------------------------------------
# Inventory items
# ---------------------------------------------------------------------------


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


def as_query(params: QueryDict | dict) -> QueryDict:
    """Accept a plain dict (values or lists of values) wherever a query string is taken."""
    if isinstance(params, QueryDict):
        return params
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(
            key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        )
    return query


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


def translation_context(obj: InventoryItem | Recommendation) -> dict[str, Any]:
    """The published language versions of an item or recommendation (for the language
    menu and ``hreflang``), and the notice shown when the reader's language has none
    (``None`` when the reader reads it in their language). One query."""
    versions = sorted(
        type(obj)
        .objects.published()
        .filter(translation_key=obj.translation_key)
        .select_related("locale")
        .only("pk", "external_id", "locale__language_code"),
        key=lambda v: (v.locale.language_code != settings.LANGUAGE_CODE, v.pk),
    )
    links = []
    for version in versions:
        code = version.locale.language_code
        with translation.override(code):
            url = version.get_absolute_url()
        links.append(
            {
                "code": code,
                "name_local": capfirst(get_language_info(code)["name_local"]),
                "url": url,
            }
        )
    language = translation.get_language() or settings.LANGUAGE_CODE
    notice = None
    shown = next((v.locale.language_code for v in versions if v.pk == obj.pk), language)
    if shown != language:
        notice = {
            "requested": capfirst(get_language_info(language)["name_local"]),
            "shown": translation.gettext(get_language_info(shown)["name"]),
            "available": links,
        }
    return {"language_versions": links, "translation_notice": notice}


def item_alumni_networks(*, item: InventoryItem, viewer) -> list:
    """The alumni networks of a course that the viewer may see (the community app's
    visibility rule decides; secret networks stay hidden from non-members)."""
    return list(group_list(viewer=viewer).filter(course=item).order_by("-cohort_year", "name"))


def item_facets(*, filterset: InventoryItemFilter) -> dict[str, Facet]:
    """Counts per value for the checkbox facets, each taken over the query without that
    facet's own filter (so choosing "course" does not make "tool" look empty)."""
    data = filterset.form.data
    facets: dict[str, Facet] = {}
    for name in ("kind", "status", "delivery_mode"):
        field = InventoryItem._meta.get_field(name)
        counts = dict(
            filterset.queryset_without(name)
            .order_by()
            .values_list(name)
            .annotate(n=Count("pk"))
            .values_list(name, "n")
        )
        facets[name] = facet(
            name=name,
            label=capfirst(str(field.verbose_name)),
            options=[(value, str(label), counts.get(value, 0)) for value, label in field.choices],
            selected=_getlist(data, name),
        )
    for name, attr, model in (
        ("theme", "themes", Theme),
        ("sector", "sectors", Sector),
        ("audience", "audiences", Audience),
    ):
        through = getattr(InventoryItem, attr).through
        fk = f"{model._meta.model_name}_id"
        counts = dict(
            through.objects.filter(
                inventoryitem_id__in=filterset.queryset_without(name).values("pk")
            )
            .order_by()
            .values(fk)
            .annotate(n=Count("pk"))
            .values_list(fk, "n")
        )
        facets[name] = facet(
            name=name,
            label=capfirst(str(model._meta.verbose_name)),
            options=sorted(
                ((obj.slug, obj.label, counts.get(obj.pk, 0)) for obj in model.objects.all()),
                key=lambda option: option[1],
            ),
            selected=_getlist(data, name),
        )
    languages: Counter[str] = Counter()
    for codes in (
        filterset.queryset_without("language").order_by().values_list("languages", flat=True)
    ):
        languages.update(set(codes or []))
    facets["language"] = facet(
        name="language",
        label=_("Language"),
        options=sorted(
            ((code, language_label(code), n) for code, n in languages.items()),
            key=lambda option: (-option[2], option[1]),
        ),
        selected=_getlist(data, "language"),
    )
    return facets


def _getlist(data, name: str) -> list[str]:
    return data.getlist(name) if hasattr(data, "getlist") else [data[name]] if name in data else []


def region_options(tree: RegionTree) -> list[tuple[str, str]]:
    return [(region.code, "\u2003" * depth + region.label) for region, depth in tree.ordered()]


def country_options() -> list[tuple[str, str]]:
    return sorted(((c.code, c.label) for c in Country.objects.all()), key=lambda o: o[1])


def items_export(*, filterset: InventoryItemFilter) -> list[dict[str, Any]]:
    """The current query, in the import format (export → import gives the same data)."""
    return [exchange.item_record(item) for item in filterset.qs.order_by("external_id")]


# ---------------------------------------------------------------------------
# Why an item matched
# ---------------------------------------------------------------------------


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


def item_period(item: InventoryItem) -> str:
    def fmt(day: dt.date | None) -> str:
        return day.isoformat() if day else "…"

    if item.start_date or item.end_date:
        return f"{fmt(item.start_date)} – {fmt(item.end_date)}"
    if item.cohort_year:
        return str(item.cohort_year)
    return _("undated")


# ---------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------


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


def recommendation_facets(*, filterset: RecommendationFilter) -> dict[str, Facet]:
    data = filterset.form.data
    by_meeting = dict(
        filterset.queryset_without("meeting")
        .order_by()
        .values_list("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    by_status = dict(
        filterset.queryset_without("follow_up_status")
        .order_by()
        .values_list("follow_up_status")
        .annotate(n=Count("pk"))
        .values_list("follow_up_status", "n")
    )
    through = Recommendation.themes.through
    by_theme = dict(
        through.objects.filter(
            recommendation_id__in=filterset.queryset_without("theme").values("pk")
        )
        .order_by()
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    return {
        "meeting": facet(
            name="meeting",
            label=_("GFMD meeting"),
            options=[
                (str(m.year), f"{m.year} — {m.host}", by_meeting.get(m.pk, 0))
                for m in GFMDMeeting.objects.all()
            ],
            selected=_getlist(data, "meeting"),
        ),
        "theme": facet(
            name="theme",
            label=_("Theme"),
            options=sorted(
                ((t.slug, t.label, by_theme.get(t.pk, 0)) for t in Theme.objects.all()),
                key=lambda option: option[1],
            ),
            selected=_getlist(data, "theme"),
        ),
        "follow_up_status": facet(
            name="follow_up_status",
            label=_("Follow-up status"),
            options=[
                (value, str(label), by_status.get(value, 0))
                for value, label in Recommendation.FollowUp.choices
            ],
            selected=_getlist(data, "follow_up_status"),
        ),
    }


def recommendations_export(*, filterset: RecommendationFilter) -> list[dict[str, Any]]:
    qs = filterset.qs.prefetch_related(
        Prefetch("inventory_items", queryset=InventoryItem.objects.published())
    ).order_by("external_id")
    return [exchange.recommendation_record(rec) for rec in qs]
