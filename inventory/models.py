"""The inventory of training activities and tools, and GFMD recommendations.

Both are Wagtail snippets with a draft/published state and revisions, so editors work on
them as they do on pages. Many-to-many fields are ``ParentalManyToManyField`` so that
revisions capture them (django-modelcluster).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from core.fields import CleanCharField, CleanTextField
from taxonomy.models import Country


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def in_language(self, language: str | None = None):
        """One version of each record (``translation_key``): the one in ``language``
        when it is published, else the original in the default language, else any
        published one. Two correlated subqueries in the same query, so list pages and
        the API keep their query counts whatever the number of translations."""
        from django.utils.translation import get_language

        language = language or get_language() or settings.LANGUAGE_CODE
        default = settings.LANGUAGE_CODE
        published = self.model._default_manager.filter(live=True)
        in_language = published.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language
        )
        in_default = published.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=default
        )
        return self.filter(
            Q(locale__language_code=language)
            | (~Exists(in_language) & (Q(locale__language_code=default) | ~Exists(in_default)))
        )

    def originals(self):
        """The default language's versions: what imports match and exports write."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class InventoryItem(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    class Kind(models.TextChoices):
        TRAINING_ACTIVITY = "training_activity", _("Training activity")
        COURSE = "course", _("Course")
        TOOL = "tool", _("Tool")
        HANDBOOK = "handbook", _("Handbook")
        KNOWLEDGE_PRODUCT = "knowledge_product", _("Knowledge product")

    class Status(models.TextChoices):
        EXISTING = "existing", _("Existing")
        PLANNED = "planned", _("Planned")
        ARCHIVED = "archived", _("Archived")

    class DeliveryMode(models.TextChoices):
        ONLINE = "online", _("Online")
        FACE_TO_FACE = "face_to_face", _("Face-to-face")
        BLENDED = "blended", _("Blended")

    external_id = models.SlugField(
        _("external id"),
        max_length=100,
        help_text=_(
            "A stable identifier used by imports: re-importing updates this item. "
            "Its translations share it."
        ),
    )
    title = CleanCharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.EXISTING
    )
    providers = ParentalManyToManyField(
        "taxonomy.Organisation",
        blank=True,
        related_name="inventory_items",
        verbose_name=_("providers"),
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=15, choices=DeliveryMode.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    target_countries = ParentalManyToManyField(
        "taxonomy.Country",
        blank=True,
        related_name="inventory_items",
        verbose_name=_("target countries"),
    )
    target_regions = ParentalManyToManyField(
        "taxonomy.Region",
        blank=True,
        related_name="inventory_items",
        verbose_name=_("target regions"),
    )
    sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="inventory_items", verbose_name=_("sectors")
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="inventory_items", verbose_name=_("themes")
    )
    audiences = ParentalManyToManyField(
        "taxonomy.Audience",
        blank=True,
        related_name="inventory_items",
        verbose_name=_("audiences"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"), null=True, blank=True)
    certification = models.BooleanField(_("offers certification"), default=False)
    summary = CleanCharField(_("summary"), max_length=500, blank=True)
    description = CleanTextField(_("description"), blank=True)
    replication_notes = CleanTextField(
        _("replication notes"),
        blank=True,
        help_text=_("Which parts can be replicated where, and under what conditions."),
    )
    replicable_components = models.JSONField(_("replicable components"), default=list, blank=True)
    cost_notes = CleanTextField(_("cost"), blank=True)
    contact = CleanCharField(_("contact"), max_length=255, blank=True)
    url = models.URLField(_("web address"), blank=True, max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("delivery_mode")]),
        FieldPanel("external_id"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("providers"),
                FieldPanel("target_countries"),
                FieldPanel("target_regions"),
                FieldPanel("sectors"),
                FieldPanel("themes"),
                FieldPanel("audiences"),
                FieldPanel("languages"),
            ],
            heading=_("Who and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("cohort_year"),
                FieldPanel("certification"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("replication_notes"),
                FieldPanel("replicable_components"),
                FieldPanel("cost_notes"),
                FieldPanel("contact"),
                FieldPanel("url"),
            ],
            heading=_("Replication"),
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("replication_notes"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id", "locale"], name="inventory_item_external_id_locale"
            )
        ]
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inventory:item_detail", kwargs={"external_id": self.external_id})

    @staticmethod
    def targeting_country_q(country: Country) -> Q:
        """Items that target a country directly or through one of its M49 regions."""
        region_ids = [r.pk for r in country.regions]
        return Q(target_countries=country) | Q(target_regions__in=region_ids)


class GFMDMeeting(models.Model):
    """A Global Forum on Migration and Development summit."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    host = CleanCharField(_("host"), max_length=120)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("GFMD meeting")
        verbose_name_plural = _("GFMD meetings")

    def __str__(self) -> str:
        return f"GFMD {self.year} — {self.host}"


class Recommendation(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    class FollowUp(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        ONGOING_REVIEW = "ongoing_review", _("Under review")

    external_id = models.SlugField(
        _("external id"), max_length=100, help_text=_("Its translations share it.")
    )
    meeting = models.ForeignKey(
        GFMDMeeting,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("meeting"),
    )
    roundtable = CleanCharField(_("roundtable or session"), max_length=255, blank=True)
    title = CleanCharField(_("title"), max_length=255)
    text = CleanTextField(_("recommendation"))
    themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="recommendations", verbose_name=_("themes")
    )
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=20,
        choices=FollowUp.choices,
        default=FollowUp.NOT_STARTED,
    )
    inventory_items = ParentalManyToManyField(
        InventoryItem,
        blank=True,
        related_name="recommendations",
        verbose_name=_("inventory items that respond to it"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("external_id"),
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("roundtable")]),
        FieldPanel("text"),
        FieldPanel("themes"),
        FieldPanel("follow_up_status"),
        FieldPanel("inventory_items"),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.SearchField("roundtable"),
        index.FilterField("follow_up_status"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-meeting__year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id", "locale"], name="recommendation_external_id_locale"
            )
        ]
        verbose_name = _("GFMD recommendation")
        verbose_name_plural = _("GFMD recommendations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inventory:recommendation_detail", kwargs={"external_id": self.external_id})
