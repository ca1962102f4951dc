"""A practitioner or participant speaking about a practice, in their own words."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from casestudies.blocks import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS
from core.fields import CleanCharField, CleanTextField

from .base import PublicPageMixin


class TestimonyPage(PublicPageMixin, Page):
    class MediaKind(models.TextChoices):
        NONE = "", _("No recording")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")

    speaker_name = CleanCharField(
        _("speaker's name"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to keep the speaker anonymous; give their role instead."),
    )
    speaker_role = CleanCharField(_("speaker's role"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonies",
        verbose_name=_("organisation"),
    )
    consent_recorded = models.BooleanField(
        _("consent recorded"),
        default=False,
        help_text=_("The speaker agreed, in writing or on record, to publication."),
    )
    consent_note = CleanCharField(_("how consent was recorded"), max_length=300, blank=True)
    illustrative = models.BooleanField(
        _("composite or illustrative"),
        default=False,
        help_text=_(
            "Tick when the testimony combines several accounts rather than quoting one person."
        ),
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("portrait"),
    )
    portrait_alt = CleanCharField(
        _("portrait description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    portrait_illustrative = models.BooleanField(
        _("illustration, not a photograph"),
        default=False,
        help_text=_("Tick when the image is a drawing or placeholder, not the speaker's photo."),
    )
    quote = CleanTextField(_("quote"), max_length=600)
    media_kind = models.CharField(
        _("recording"), max_length=5, choices=MediaKind.choices, blank=True, default=""
    )
    media_url = models.URLField(_("recording address"), max_length=500, blank=True)
    transcript = CleanTextField(
        _("transcript"),
        help_text=_("Required: the full text of the testimony, for every reader."),
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonies",
        verbose_name=_("case study"),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("speaker_name"), FieldPanel("speaker_role")]),
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("consent_recorded"), FieldPanel("consent_note")]),
                FieldPanel("illustrative"),
            ],
            heading=_("Who speaks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("portrait"),
                FieldPanel("portrait_alt"),
                FieldPanel("portrait_illustrative"),
            ],
            heading=_("Portrait"),
        ),
        FieldPanel("quote"),
        MultiFieldPanel(
            [FieldPanel("media_kind"), FieldPanel("media_url"), FieldPanel("transcript")],
            heading=_("Recording and transcript"),
        ),
        FieldPanel("case_study"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("quote", boost=2),
        index.SearchField("transcript"),
        index.SearchField("speaker_role"),
        index.FilterField("locked"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    template = "casestudies/testimony_page.html"

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")

    def clean(self):
        """Consent and a transcript are conditions of publication, so they are checked
        on every save: a testimony lacking either cannot reach the public."""
        super().clean()
        errors = {}
        if not self.consent_recorded:
            errors["consent_recorded"] = _(
                "Record the speaker's consent before this testimony can be saved or published."
            )
        if not (self.transcript or "").strip():
            errors["transcript"] = _("A transcript is required.")
        if not (self.speaker_name.strip() or self.speaker_role.strip()):
            errors["speaker_role"] = _(
                "Give the speaker's name or, to keep them anonymous, their role."
            )
        if self.media_url and not self.media_kind:
            errors["media_kind"] = _("Say whether the recording is video or audio.")
        if self.media_kind and not self.media_url:
            errors["media_url"] = _("Give the address of the recording.")
        if errors:
            raise ValidationError(errors)

    @property
    def speaker_label(self) -> str:
        return self.speaker_name or self.speaker_role

    @property
    def media_is_file(self) -> bool:
        """A file the browser can play itself; other addresses are linked (no oEmbed)."""
        path = self.media_url.split("?")[0].lower()
        extensions = VIDEO_EXTENSIONS if self.media_kind == "video" else AUDIO_EXTENSIONS
        return path.endswith(extensions)
