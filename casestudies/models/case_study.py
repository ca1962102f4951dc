"""A good practice written up so that a reader elsewhere can judge and replicate it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from casestudies.blocks import IndicatorBlock, MediaStreamBlock, ResourceStreamBlock
from casestudies.page_routes import answer
from core.fields import CleanCharField, CleanRichTextField, CleanTextField

from .base import PublicPageMixin

PROSE_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "blockquote"]


class CostRange(models.TextChoices):
    UNKNOWN = "unknown", _("Not known")
    UNDER_50K = "under_50k", _("Under USD 50,000")
    FROM_50K_TO_250K = "50k_250k", _("USD 50,000–250,000")
    FROM_250K_TO_1M = "250k_1m", _("USD 250,000–1 million")
    OVER_1M = "over_1m", _("Over USD 1 million")


class CaseStudyPage(PublicPageMixin, Page):
    summary = CleanTextField(
        _("summary"),
        max_length=1000,
        help_text=_("Two or three sentences: what was done, where, with what result."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    hero_image_alt = CleanCharField(
        _("main image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    countries = ParentalManyToManyField(
        "taxonomy.Country", related_name="case_studies", blank=True, verbose_name=_("countries")
    )
    sectors = ParentalManyToManyField(
        "taxonomy.Sector", related_name="case_studies", blank=True, verbose_name=_("sectors")
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", related_name="case_studies", blank=True, verbose_name=_("themes")
    )
    organisations = ParentalManyToManyField(
        "taxonomy.Organisation",
        related_name="case_studies",
        blank=True,
        verbose_name=_("organisations"),
    )
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(
        _("to (year)"), null=True, blank=True, help_text=_("Leave empty if ongoing.")
    )
    challenge = CleanRichTextField(_("the challenge"), features=PROSE_FEATURES, blank=True)
    approach = CleanRichTextField(_("the approach"), features=PROSE_FEATURES, blank=True)
    results = StreamField(
        [("indicator", IndicatorBlock())],
        verbose_name=_("results"),
        blank=True,
        use_json_field=True,
    )
    results_note = CleanRichTextField(_("about the results"), features=PROSE_FEATURES, blank=True)
    cost_range = models.CharField(
        _("cost range"), max_length=12, choices=CostRange.choices, default=CostRange.UNKNOWN
    )
    cost_notes = CleanTextField(_("about the cost"), blank=True)
    conditions_for_transfer = CleanRichTextField(
        _("conditions for transfer"), features=PROSE_FEATURES, blank=True
    )
    what_to_adapt = CleanRichTextField(_("what to adapt"), features=PROSE_FEATURES, blank=True)
    lessons = CleanRichTextField(_("lessons learned"), features=PROSE_FEATURES, blank=True)
    resources = StreamField(
        ResourceStreamBlock(), verbose_name=_("resources"), blank=True, use_json_field=True
    )
    media = StreamField(
        MediaStreamBlock(), verbose_name=_("images and recordings"), blank=True, use_json_field=True
    )
    inventory_items = ParentalManyToManyField(
        "inventory.InventoryItem",
        related_name="case_studies",
        blank=True,
        verbose_name=_("related training and tools"),
    )
    recommendations = ParentalManyToManyField(
        "inventory.Recommendation",
        related_name="case_studies",
        blank=True,
        verbose_name=_("related GFMD recommendations"),
    )
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        verbose_name=_("adapted from"),
        help_text=_("The practice this one replicates, if any."),
    )
    adaptation_note = CleanTextField(
        _("what was changed and why"),
        blank=True,
        help_text=_("How the original practice was adapted to this context."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Main image")
        ),
        MultiFieldPanel(
            [
                FieldPanel("countries"),
                FieldPanel("sectors"),
                FieldPanel("themes"),
                FieldPanel("organisations"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Where, who and when"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        MultiFieldPanel([FieldPanel("results"), FieldPanel("results_note")], heading=_("Results")),
        MultiFieldPanel([FieldPanel("cost_range"), FieldPanel("cost_notes")], heading=_("Cost")),
        MultiFieldPanel(
            [
                FieldPanel("conditions_for_transfer"),
                FieldPanel("what_to_adapt"),
                FieldPanel("adapted_from"),
                FieldPanel("adaptation_note"),
            ],
            heading=_("Replicating this practice"),
        ),
        FieldPanel("lessons"),
        FieldPanel("resources"),
        FieldPanel("media"),
        MultiFieldPanel(
            [FieldPanel("inventory_items"), FieldPanel("recommendations")],
            heading=_("Related inventory and GFMD recommendations"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("lessons"),
        index.SearchField("conditions_for_transfer"),
        index.RelatedFields("countries", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("period_start"),
        index.FilterField("period_end"),
        index.FilterField("locked"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    template = "casestudies/case_study_page.html"
    route_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end year cannot be before the start year.")
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Describe the main image for screen-reader users.")
        if self.adapted_from_id and self.pk and self.adapted_from_id == self.pk:
            errors["adapted_from"] = _("A case study cannot be adapted from itself.")
        if self.adaptation_note.strip() and not self.adapted_from_id:
            errors["adapted_from"] = _("Say which practice this one was adapted from.")
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        if not self.period_start:
            return ""
        if self.period_end == self.period_start:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end or _('ongoing')}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(answer("case_study.context", self, request))
        return context
