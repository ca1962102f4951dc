"""The one implementation of the inventory and recommendation queries.

The public /inventory/ and /recommendations/ pages, their CSV/JSON exports and the JSON API
all validate query parameters with these FilterSets, so a filter means the same thing
everywhere and a bad value is refused the same way (a form error on the page, a 400 naming
the parameter in the API). Relations are matched with ``EXISTS`` subqueries rather than
joins, so results never repeat and counts stay right.

Geography follows UN M49: an item that targets a region matches every country and
sub-region inside it, and an item that targets the World area (``001``) matches everywhere.
"""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django.core.validators import RegexValidator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from taxonomy.models import Audience, Country, Region, Sector, Theme

from .models import GFMDMeeting, InventoryItem, Recommendation
from .regions import WORLD_CODE, RegionTree

CountryThrough = InventoryItem.target_countries.through
RegionThrough = InventoryItem.target_regions.through


def _unknown(message) -> dict:
    """The same message whether the field takes one value or several."""
    return {"invalid_choice": message, "invalid_pk_value": message}


COUNTRY_UNKNOWN = _unknown(
    _("Unknown country code “%(value)s”; use ISO 3166-1 alpha-2, e.g. “PH”.")
)


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(filters.ModelMultipleChoiceFilter):
    """One or more slugs (``?theme=a&theme=b``): items with any of them."""


class LanguageField(forms.CharField):
    default_validators = [
        RegexValidator(
            r"^[a-z]{2,3}$", _("Use a two- or three-letter ISO 639 language code, e.g. “fr”.")
        )
    ]

    def to_python(self, value):
        return super().to_python(value).strip().lower()


class LanguageFilter(filters.CharFilter):
    field_class = LanguageField


def targets_country_q(country: Country, *, include_global: bool = True) -> Q:
    """Items that target the country directly, through one of its M49 regions, or (unless
    ``include_global`` is false) the whole World."""
    region_ids = [r.pk for r in country.regions]
    regions = Q(region_id__in=region_ids)
    if include_global:
        regions |= Q(region__code=WORLD_CODE)
    return Q(
        Exists(CountryThrough.objects.filter(inventoryitem_id=OuterRef("pk"), country=country))
    ) | Q(Exists(RegionThrough.objects.filter(regions, inventoryitem_id=OuterRef("pk"))))


def targets_region_q(region: Region, tree: RegionTree) -> Q:
    """Items that target the region, a region inside it or around it, or a country in it.
    The World area itself matches only the items that target the World."""
    if region.code == WORLD_CODE:
        return Q(
            Exists(RegionThrough.objects.filter(inventoryitem_id=OuterRef("pk"), region=region))
        )
    related = tree.descendant_ids(region.pk) | tree.ancestor_ids(region.pk) | {region.pk}
    if tree.world_id:
        related.add(tree.world_id)
    countries = Country.objects.filter(region.country_q()).values("pk")
    return Q(
        Exists(RegionThrough.objects.filter(inventoryitem_id=OuterRef("pk"), region_id__in=related))
    ) | Q(
        Exists(
            CountryThrough.objects.filter(inventoryitem_id=OuterRef("pk"), country_id__in=countries)
        )
    )


def has_replication_q() -> Q:
    return ~Q(replication_notes="") | ~Q(replicable_components=[])


def language_q(code: str) -> Q:
    """Items offered in a language. PostgreSQL answers JSON containment with an index-able
    operator; SQLite (the one-command demo) has no ``contains`` on JSON, so there the
    serialised list is searched for the quoted code (codes are validated letters only)."""
    if connection.features.supports_json_field_contains:
        return Q(languages__contains=[code])
    return Q(languages__icontains=f'"{code}"')


def _through_exists(model, field: str, values) -> Q:
    """Objects related to any of ``values``; no values means no constraint (an empty
    multiple-choice filter arrives as an empty queryset, not as "nothing chosen")."""
    if not values:
        return Q()
    through = getattr(model, field).through
    source = f"{model._meta.model_name}_id"
    target = f"{getattr(model, field).field.related_model._meta.model_name}__in"
    return Q(Exists(through.objects.filter(**{source: OuterRef("pk"), target: values})))


class InventoryItemFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Keywords"),
        method="filter_q",
        max_length=200,
        help_text=_("Words in the title or description."),
    )
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.select_related("region", "subregion", "intermediate_region"),
        to_field_name="code",
        method="filter_country",
        error_messages=COUNTRY_UNKNOWN,
        help_text=_(
            "ISO 3166-1 alpha-2 code. Items that target one of its regions, "
            "or the whole world, match too."
        ),
    )
    region = filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        error_messages=_unknown(
            _("Unknown region code “%(value)s”; use a UN M49 code, e.g. “035”.")
        ),
        help_text=_("UN M49 code of a region, sub-region or intermediate region."),
    )
    sector = SlugsFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="filter_sector",
        error_messages=_unknown(_("Unknown sector “%(value)s”.")),
    )
    theme = SlugsFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
        error_messages=_unknown(_("Unknown theme “%(value)s”.")),
    )
    audience = SlugsFilter(
        label=_("Audience"),
        queryset=Audience.objects.all(),
        to_field_name="slug",
        method="filter_audience",
        error_messages=_unknown(_("Unknown audience “%(value)s”.")),
    )
    kind = filters.MultipleChoiceFilter(
        label=_("Kind"),
        choices=InventoryItem.Kind.choices,
        error_messages={"invalid_choice": _("Unknown kind “%(value)s”.")},
    )
    status = filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=InventoryItem.Status.choices,
        error_messages={"invalid_choice": _("Unknown status “%(value)s”.")},
    )
    delivery_mode = filters.MultipleChoiceFilter(
        label=_("Delivery mode"),
        choices=InventoryItem.DeliveryMode.choices,
        error_messages={"invalid_choice": _("Unknown delivery mode “%(value)s”.")},
    )
    language = LanguageFilter(label=_("Language"), method="filter_language")
    date_from = filters.DateFilter(
        label=_("Running on or after"),
        method="filter_date_from",
        help_text=_("YYYY-MM-DD. Items whose dates (or cohort year) reach this day."),
    )
    date_to = filters.DateFilter(
        label=_("Running on or before"),
        method="filter_date_to",
        help_text=_("YYYY-MM-DD. Items whose dates (or cohort year) start by this day."),
    )
    certification = filters.ChoiceFilter(
        label=_("Offers certification"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="filter_certification",
        error_messages={"invalid_choice": _("Use “true” or “false”, not “%(value)s”.")},
    )
    replicable_in = filters.ModelChoiceFilter(
        label=_("Replicable in"),
        queryset=Country.objects.select_related("region", "subregion", "intermediate_region"),
        to_field_name="code",
        method="filter_replicable_in",
        error_messages=COUNTRY_UNKNOWN,
        help_text=_(
            "Items with replicable parts that target this country, its regions or the world."
        ),
    )
    sort = filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("title", "title"), ("updated_at", "updated"), ("start_date", "start")),
        field_labels={
            "title": _("Title"),
            "-title": _("Title (Z–A)"),
            "updated_at": _("Least recently updated"),
            "-updated_at": _("Recently updated"),
            "start_date": _("Start date"),
            "-start_date": _("Start date (latest first)"),
        },
    )

    class Meta:
        model = InventoryItem
        fields: list[str] = []

    def __init__(self, *args, tree: RegionTree | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._tree = tree

    @property
    def tree(self) -> RegionTree:
        if self._tree is None:
            self._tree = RegionTree.load()
        return self._tree

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:10]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(replication_notes__icontains=word)
            )
        return qs

    def filter_country(self, qs: QuerySet, name: str, value: Country) -> QuerySet:
        return qs.filter(targets_country_q(value))

    def filter_region(self, qs: QuerySet, name: str, value: Region) -> QuerySet:
        return qs.filter(targets_region_q(value, self.tree))

    def filter_sector(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(_through_exists(InventoryItem, "sectors", [v.pk for v in value]))

    def filter_theme(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(_through_exists(InventoryItem, "themes", [v.pk for v in value]))

    def filter_audience(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(_through_exists(InventoryItem, "audiences", [v.pk for v in value]))

    def filter_language(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(language_q(value))

    def filter_date_from(self, qs: QuerySet, name: str, value: dt.date) -> QuerySet:
        return qs.filter(
            Q(end_date__gte=value)
            | Q(end_date__isnull=True, start_date__isnull=False)
            | Q(start_date__isnull=True, end_date__isnull=True, cohort_year__gte=value.year)
        )

    def filter_date_to(self, qs: QuerySet, name: str, value: dt.date) -> QuerySet:
        return qs.filter(
            Q(start_date__lte=value)
            | Q(start_date__isnull=True, end_date__isnull=False)
            | Q(start_date__isnull=True, end_date__isnull=True, cohort_year__lte=value.year)
        )

    def filter_certification(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(certification=(value == "true"))

    def filter_replicable_in(self, qs: QuerySet, name: str, value: Country) -> QuerySet:
        return qs.filter(has_replication_q()).filter(targets_country_q(value))

    def queryset_without(self, skip: str) -> QuerySet:
        """The query with every filter but one applied: what facet counts are taken over,
        so that a user sees how many results each *other* value of that facet would give."""
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != skip:
                qs = self.filters[name].filter(qs, value)
        return qs


class RecommendationFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Keywords"), method="filter_q", max_length=200)
    meeting = filters.ModelChoiceFilter(
        label=_("GFMD meeting"),
        queryset=GFMDMeeting.objects.all(),
        to_field_name="year",
        error_messages=_unknown(_("No GFMD meeting in “%(value)s”.")),
        help_text=_("The year of the GFMD summit, e.g. 2019."),
    )
    theme = SlugsFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
        error_messages=_unknown(_("Unknown theme “%(value)s”.")),
    )
    follow_up_status = filters.MultipleChoiceFilter(
        label=_("Follow-up status"),
        choices=Recommendation.FollowUp.choices,
        error_messages={"invalid_choice": _("Unknown follow-up status “%(value)s”.")},
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:10]:
            qs = qs.filter(
                Q(title__icontains=word) | Q(text__icontains=word) | Q(roundtable__icontains=word)
            )
        return qs

    def filter_theme(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs.filter(_through_exists(Recommendation, "themes", [v.pk for v in value]))

    def queryset_without(self, skip: str) -> QuerySet:
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != skip:
                qs = self.filters[name].filter(qs, value)
        return qs
