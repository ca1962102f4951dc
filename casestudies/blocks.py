"""StreamField blocks for case studies: measured results, resources and media.

Results are structured (one block per indicator) rather than free text so that a reader
in another country can compare baseline, target and achievement at a glance, and so
that the page can draw a small chart without parsing prose.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

VIDEO_EXTENSIONS = (".mp4", ".webm", ".ogv", ".mov")
AUDIO_EXTENSIONS = (".mp3", ".ogg", ".oga", ".wav", ".m4a", ".aac")


class IndicatorValue(blocks.StructValue):
    """Adds what the results table and chart need to each indicator."""

    @cached_property
    def has_figures(self) -> bool:
        return any(self.get(k) is not None for k in ("baseline", "target", "achieved"))

    @cached_property
    def achieved_share(self) -> int | None:
        """Achievement as a percentage of the target (for the bar), when both exist."""
        target, achieved = self.get("target"), self.get("achieved")
        if target in (None, 0) or achieved is None:
            return None
        return max(0, min(100, round(float(achieved) / float(target) * 100)))


class IndicatorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("indicator"), max_length=300)
    baseline = blocks.DecimalBlock(label=_("baseline"), required=False, decimal_places=2)
    target = blocks.DecimalBlock(label=_("target"), required=False, decimal_places=2)
    achieved = blocks.DecimalBlock(label=_("achieved"), required=False, decimal_places=2)
    unit = blocks.CharBlock(label=_("unit"), max_length=120, required=False)
    source = blocks.TextBlock(label=_("source"), required=False)
    year = blocks.IntegerBlock(label=_("year"), required=False, min_value=1900, max_value=2100)

    class Meta:
        icon = "table"
        label = _("Indicator")
        value_class = IndicatorValue
        template = "blocks/indicator.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=255)
    url = blocks.URLBlock(label=_("web address"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")


class ResourceStreamBlock(blocks.StreamBlock):
    document = DocumentBlock()
    link = LinkBlock()


class MediaValue(blocks.StructValue):
    @cached_property
    def element(self) -> str:
        """``video``/``audio`` when the URL is a media file a browser plays itself,
        ``link`` otherwise (platform pages such as YouTube are linked, not embedded: an
        oEmbed fetch would need the network at render time)."""
        path = urlparse(self.get("url") or "").path.lower()
        if path.endswith(VIDEO_EXTENSIONS):
            return "video"
        if path.endswith(AUDIO_EXTENSIONS):
            return "audio"
        return "link"


class MediaBlock(blocks.StructBlock):
    """A video or audio recording, always with a transcript (accessibility, search)."""

    title = blocks.CharBlock(label=_("title"), max_length=255)
    url = blocks.URLBlock(label=_("media address"))
    transcript = blocks.TextBlock(
        label=_("transcript"),
        help_text=_("Required: readers who cannot play the media read this instead."),
    )

    class Meta:
        icon = "media"
        label = _("Video or audio")
        value_class = MediaValue
        template = "blocks/media.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("transcript") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(
                        _("A transcript is required for every recording.")
                    )
                }
            )
        return value


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class MediaStreamBlock(blocks.StreamBlock):
    image = CaptionedImageBlock()
    recording = MediaBlock()


__all__ = [
    "CaptionedImageBlock",
    "DocumentBlock",
    "IndicatorBlock",
    "LinkBlock",
    "MediaBlock",
    "MediaStreamBlock",
    "ResourceStreamBlock",
]
