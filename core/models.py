from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from core.fields import CleanCharField, CleanRichTextField

from . import home
from .structure import active_locale, home_translation, route_child


class HomePage(Page):
    """The front door: what Practice Commons is, and live ways in — the blocks each app
    declares in its ``home.py`` (see :mod:`core.home`)."""

    intro = CleanCharField(_("introduction"), max_length=300, blank=True)
    body = CleanRichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("featured", label=_("Featured case studies"), max_num=6),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """Wagtail's ``localized`` (the live translation in the active language, else this
        page), where routing starts on every request: the locales and the translation
        come from the site's cached structure (``core.structure``) instead of two or
        three queries."""
        locale = active_locale()
        if locale is None:
            return super().localized
        if locale.id == self.locale_id:
            return self
        translation = home_translation(self, locale)
        return translation if translation is not None and translation.live else self

    def route(self, request, path_components):
        if path_components:
            return route_child(self, request, path_components)
        return super().route(request, path_components)

    def featured_page_ids(self) -> list[int]:
        """The pages editors chose to feature, in their order (the case-study block
        shows those of them that are live and public)."""
        return [f.page_id for f in self.featured.all() if f.page_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_blocks"] = home.public_blocks(home=self)
        user = request.user
        if user.is_authenticated and user.is_active:
            context["personal_blocks"] = home.personal_blocks(viewer=user)
        return context


class HomePageFeature(Orderable):
    """A case study featured on the home page, chosen by an editor."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("case study"),
    )

    panels = [PageChooserPanel("page", page_type="casestudies.CaseStudyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured case study")
        verbose_name_plural = _("featured case studies")
