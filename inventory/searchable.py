"""What of the inventory is searchable: published inventory items and GFMD
recommendations (see ``search.registry``)."""

from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from search.meta import choice_part, meta_fields, names_parts
from search.registry import Searchable, SearchDocument, register
from taxonomy.models import Country, Region

from .models import InventoryItem, Recommendation

RELATED_TYPES = ("inventoryitem", "recommendation", "casestudy")


@register
class InventoryItemSearchable(Searchable):
    type = "inventoryitem"
    model = InventoryItem
    label = _("Inventory item")
    label_plural = _("Inventory items")
    related_types = RELATED_TYPES
    meta_choices = {
        "kind": InventoryItem.Kind,
        "status": InventoryItem.Status,
        "delivery_mode": InventoryItem.DeliveryMode,
    }

    def get_queryset(self):
        return (
            InventoryItem.objects.published()
            .select_related("locale")
            .prefetch_related(
                Prefetch(
                    "target_countries",
                    queryset=Country.objects.select_related(
                        "region", "subregion", "intermediate_region"
                    ),
                ),
                Prefetch(
                    "target_regions", queryset=Region.objects.select_related("parent__parent")
                ),
                "sectors",
                "themes",
                "providers",
            )
        )

    def document(self, obj: InventoryItem) -> SearchDocument:
        countries, regions = self.places(obj.target_countries.all(), obj.target_regions.all())
        providers = ", ".join(provider.name for provider in obj.providers.all())
        when = obj.start_date or (obj.updated_at.date() if obj.updated_at else None)
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=self.url_of(obj),
            summary=obj.summary,
            body="\n\n".join(
                part for part in (obj.description, obj.replication_notes, providers) if part
            ),
            **meta_fields(
                self.type,
                [
                    choice_part("kind", obj.kind),
                    choice_part("status", obj.status),
                    choice_part("delivery_mode", obj.delivery_mode),
                    *names_parts(obj.providers.all()),
                ],
            ),
            date=when,
            year=obj.cohort_year or self.year_of(obj.start_date),
            languages=list(obj.languages or []),
            language=obj.locale.language_code,
            translation_key=str(obj.translation_key),
            countries=countries,
            regions=regions,
            sectors=[sector.slug for sector in obj.sectors.all()],
            themes=[theme.slug for theme in obj.themes.all()],
        )

    def editor_links(self, obj: InventoryItem):
        """Recommendations whose editors listed this item as a response to them, and
        the case studies whose editors linked it (``chosen_links`` keeps only what is
        published and public)."""
        return [*obj.recommendations.order_by("title"), *obj.case_studies.order_by("title")]


@register
class RecommendationSearchable(Searchable):
    type = "recommendation"
    model = Recommendation
    label = _("GFMD recommendation")
    label_plural = _("GFMD recommendations")
    related_types = RELATED_TYPES

    def get_queryset(self):
        return (
            Recommendation.objects.published()
            .select_related("meeting", "locale")
            .prefetch_related("themes")
        )

    def document(self, obj: Recommendation) -> SearchDocument:
        meeting = obj.meeting
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=self.url_of(obj),
            summary=obj.roundtable,
            body=obj.text,
            meta=f"GFMD {meeting.year} · {meeting.host}",
            date=date(meeting.year, 1, 1),
            year=meeting.year,
            language=obj.locale.language_code,
            translation_key=str(obj.translation_key),
            themes=[theme.slug for theme in obj.themes.all()],
        )

    def editor_links(self, obj: Recommendation):
        """The items that respond to it and the case studies linked to it by editors."""
        return [*obj.inventory_items.order_by("title"), *obj.case_studies.order_by("title")]
