from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.fields import CleanCharField, CleanRichTextField


class HomePage(Page):
    """The front door: what Practice Commons is, and the ways in."""

    intro = CleanCharField(_("introduction"), max_length=300, blank=True)
    body = CleanRichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
