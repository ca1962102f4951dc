"""The shared vocabulary of the field: countries and UN M49 regions, sectors, themes,
organisations and audiences.

Every app tags its content with these, so they live in an app of their own that
depends on nothing else (case studies, the inventory, profiles and search all use them).
Names are translated through a small ``translations`` map (``{"fr": "...", "es": "..."}``)
so that a new interface language needs data, not a migration.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.fields import CleanCharField, CleanTextField


class TranslatedNameMixin(models.Model):
    name = CleanCharField(_("name"), max_length=200)
    translations = models.JSONField(
        _("translated names"),
        default=dict,
        blank=True,
        help_text=_('Names in other languages, e.g. {"fr": "…", "es": "…"}.'),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, falling back to English."""
        language = (get_language() or "en").split("-")[0]
        return self.translations.get(language) or self.name


class Region(TranslatedNameMixin):
    """A UN M49 geographic region, sub-region or intermediate region."""

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Sub-region")
        INTERMEDIATE = "intermediate", _("Intermediate region")

    code = models.CharField(_("M49 code"), max_length=3, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    panels = [FieldPanel("name"), FieldPanel("translations"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def country_q(self, prefix: str = "") -> Q:
        """A filter matching the countries inside this region, at any level."""
        return (
            Q(**{f"{prefix}region": self})
            | Q(**{f"{prefix}subregion": self})
            | Q(**{f"{prefix}intermediate_region": self})
        )


class Country(TranslatedNameMixin, index.Indexed):
    """An ISO 3166-1 country or territory, placed in the UN M49 regions."""

    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric"), max_length=3, unique=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subregion = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intermediate_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("translations"),
        FieldPanel("code"),
        FieldPanel("region"),
        FieldPanel("subregion"),
        FieldPanel("intermediate_region"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    @property
    def regions(self) -> list[Region]:
        return [r for r in (self.region, self.subregion, self.intermediate_region) if r]


class SlugNamedModel(TranslatedNameMixin, index.Indexed):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = CleanTextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("translations"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]


class Sector(SlugNamedModel):
    class Meta(SlugNamedModel.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Theme(SlugNamedModel):
    class Meta(SlugNamedModel.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Audience(SlugNamedModel):
    class Meta(SlugNamedModel.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Organisation(SlugNamedModel):
    """A partner or provider: a government body, UN agency, NGO, university…"""

    acronym = CleanCharField(_("acronym"), max_length=30, blank=True)
    url = models.URLField(_("website"), blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        *SlugNamedModel.panels,
        FieldPanel("acronym"),
        FieldPanel("url"),
        FieldPanel("country"),
    ]

    class Meta(SlugNamedModel.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def label(self) -> str:
        name = super().label
        return f"{name} ({self.acronym})" if self.acronym else name
