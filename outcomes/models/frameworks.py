"""A small results framework: what a course or a practice is meant to change, at the
level of the individual and of the organisation, and how that is measured.

Editors manage a framework as one Wagtail snippet with nested inline panels (outcomes,
each with its indicators); django-modelcluster keeps the nested children in one form.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.fields import CleanCharField, CleanTextField


class ResultsFramework(ClusterableModel):
    title = CleanCharField(_("title"), max_length=255)
    inventory_item = models.ForeignKey(
        "inventory.InventoryItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results_frameworks",
        verbose_name=_("course or training activity"),
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results_frameworks",
        verbose_name=_("case study"),
    )
    description = CleanTextField(_("theory of change"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("inventory_item"), FieldPanel("case_study")],
            heading=_("What it measures (choose one)"),
        ),
        FieldPanel("description"),
        InlinePanel("outcomes", heading=_("Outcomes"), label=_("Outcome")),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("results framework")
        verbose_name_plural = _("results frameworks")
        constraints = [
            models.CheckConstraint(
                condition=(Q(inventory_item__isnull=False) & Q(case_study__isnull=True))
                | (Q(inventory_item__isnull=True) & Q(case_study__isnull=False)),
                name="framework_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if bool(self.inventory_item_id) == bool(self.case_study_id):
            raise ValidationError(
                {
                    "inventory_item": _(
                        "Attach the framework to one course or one case study, not both."
                    )
                }
            )

    def get_absolute_url(self) -> str:
        return reverse("outcomes:framework_detail", kwargs={"pk": self.pk})

    @property
    def subject(self):
        return self.inventory_item or self.case_study


class Outcome(ClusterableModel, Orderable):
    class Level(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ORGANISATIONAL = "organisational", _("Organisational")

    framework = ParentalKey(ResultsFramework, on_delete=models.CASCADE, related_name="outcomes")
    level = models.CharField(_("level"), max_length=15, choices=Level.choices)
    statement = CleanCharField(_("outcome"), max_length=400)

    panels = [
        FieldPanel("level"),
        FieldPanel("statement"),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.statement


class Indicator(Orderable):
    """How an outcome is measured. ``min_value``/``max_value`` bound the answers that
    alumni may give in a follow-up questionnaire (e.g. 0–100 for a percentage)."""

    outcome = ParentalKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    name = CleanCharField(_("indicator"), max_length=255)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    unit = CleanCharField(_("unit"), max_length=60, blank=True)
    source = CleanCharField(_("source of data"), max_length=255, blank=True)
    min_value = models.FloatField(_("lowest possible answer"), null=True, blank=True)
    max_value = models.FloatField(_("highest possible answer"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("unit")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError(
                {"max_value": _("The highest answer cannot be below the lowest.")}
            )
