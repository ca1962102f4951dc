"""A virtual tour: ordered stops through a practice on the ground."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.models import Orderable, Page
from wagtail.search import index

from casestudies.page_routes import answer
from core.fields import CleanCharField, CleanTextField

from .base import PublicPageMixin


class VirtualTourPage(PublicPageMixin, RoutablePageMixin, Page):
    intro = CleanTextField(_("introduction"), max_length=1000, blank=True)
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="virtual_tours",
        verbose_name=_("case study"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("case_study"),
        InlinePanel("stops", label=_("Stops"), min_num=1),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("stops", [index.SearchField("title"), index.SearchField("transcript")]),
        index.FilterField("locked"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    template = "casestudies/virtual_tour_page.html"

    class Meta:
        verbose_name = _("virtual tour")
        verbose_name_plural = _("virtual tours")

    @path("")
    def overview(self, request):
        return self._render_stop(request, number=None)

    @route(r"^stops/(\d+)/$", name="stop")
    def stop(self, request, number):
        return self._render_stop(request, number=int(number))

    def _render_stop(self, request, *, number: int | None):
        return answer("tour.stop", self, request, number=number)

    def stop_url(self, number: int) -> str:
        return self.url + self.reverse_subpage("stop", args=[number])


class TourStop(Orderable):
    page = ParentalKey(VirtualTourPage, on_delete=models.CASCADE, related_name="stops")
    title = CleanCharField(_("title"), max_length=255)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = CleanCharField(
        _("image alt text"),
        max_length=400,
        blank=True,
        help_text=_("Describe what the image shows, for readers who cannot see it."),
    )
    caption = CleanCharField(_("caption"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    transcript = CleanTextField(
        _("narration transcript"), help_text=_("What the narrator says at this stop.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("transcript"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tour stop")
        verbose_name_plural = _("tour stops")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for screen-reader users.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
