"""Forms of the section: the listing filters and the comment box."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.i18n import active_language
from core.listings import FilterChip, form_chips, valid_params
from taxonomy.models import Country, Organisation, Region, Sector, Theme

from .rules import COMMENT_MAX_LENGTH


class CaseStudyFilterForm(forms.Form):
    """Listing filters. Values are codes and slugs so that URLs stay readable and
    shareable (``?country=PH&theme=remittances``)."""

    country = forms.ModelChoiceField(
        Country.objects.all(), to_field_name="code", required=False, label=_("Country")
    )
    region = forms.ModelChoiceField(
        Region.objects.all(), to_field_name="code", required=False, label=_("Region")
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), to_field_name="slug", required=False, label=_("Sector")
    )
    theme = forms.ModelChoiceField(
        Theme.objects.all(), to_field_name="slug", required=False, label=_("Theme")
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), to_field_name="slug", required=False, label=_("Organisation")
    )
    year_from = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=_("From year")
    )
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("To year"))
    sort = forms.ChoiceField(
        choices=[("newest", _("Newest first")), ("title", _("Title (A–Z)"))],
        required=False,
        label=_("Sort by"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("The end year must not be before the start year."))
        return cleaned

    def cleaned_filters(self) -> dict[str, Any]:
        """The valid filters only: a bad value is reported and ignored, not fatal."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}

    def active_filters(self) -> list[FilterChip]:
        """Chips for the filters in force, each with the query that removes it."""
        if not self.is_bound:
            return []
        self.is_valid()
        return form_chips(form=self, params=valid_params(self))

    def querystring(self) -> str:
        """The current filters as a query string (no page number), for links."""
        return valid_params(self).urlencode()


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Markdown is supported: *emphasis*, **bold**, [links](https://…), lists."),
        error_messages={
            "required": _("Write something before posting."),
            "max_length": _(
                "Comments are limited to %(limit_value)d characters (this one has %(show_value)d)."
            ),
        },
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        choices=settings.LANGUAGES,
        required=False,
        initial=active_language,
        help_text=_("The language of your text, so that readers find it and hear it read well."),
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    followup = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Email me when someone comments on this case study"),
    )


class CommentEditForm(forms.Form):
    comment = CommentForm.base_fields["comment"]
