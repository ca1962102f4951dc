"""Forms: thin, labelled, and the place where bad input gets its field errors."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outcomes.models import Certificate, Need
from outcomes.selectors.certificates import MAX_CREDENTIAL_BYTES, badge_recipients
from taxonomy.models import Country, Region, Sector, Theme


class ScheduleForm(forms.Form):
    months = forms.CharField(
        label=_("Months after the course"),
        initial="3, 6, 12",
        help_text=_("Separate with commas, e.g. 3, 6, 12."),
    )
    course_end = forms.DateField(
        label=_("Course end date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Leave empty to keep the date of the current plan, or the end date recorded "
            "for the course."
        ),
    )
    open_questions = forms.CharField(
        label=_("Open questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line. Leave empty for the standard two questions."),
    )

    def clean_months(self) -> list[int]:
        raw = self.cleaned_data["months"]
        parts = [p for p in re.split(r"[,\s]+", raw) if p]
        if not parts or not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Give whole numbers of months, e.g. 3, 6, 12."))
        months = sorted({int(p) for p in parts})
        if any(m < 1 or m > 60 for m in months):
            raise forms.ValidationError(_("Each interval must be between 1 and 60 months."))
        return months

    def clean_open_questions(self) -> list[str] | None:
        lines = [line.strip() for line in self.cleaned_data["open_questions"].splitlines()]
        lines = [line[:300] for line in lines if line]
        return lines or None


class QuestionnaireEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    open_questions = forms.CharField(
        label=_("Open questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, indicator_questions: list[dict[str, Any]], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_questions = indicator_questions
        self.fields["indicators"] = forms.MultipleChoiceField(
            label=_("Indicators asked"),
            required=False,
            choices=[(q["key"], q["label"]) for q in indicator_questions],
            widget=forms.CheckboxSelectMultiple,
        )

    def questions(self) -> list[dict[str, Any]]:
        chosen = set(self.cleaned_data["indicators"])
        questions = [q for q in self.indicator_questions if q["key"] in chosen]
        for n, line in enumerate(self.cleaned_data["open_questions"].splitlines()):
            if line.strip():
                questions.append(
                    {
                        "key": f"open-{n + 1}",
                        "kind": "text",
                        "label": line.strip()[:300],
                        "required": False,
                    }
                )
        return questions

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.questions():
            raise forms.ValidationError(_("Keep at least one question."))
        return cleaned


class FollowUpForm(forms.Form):
    """Built from the questions of one questionnaire version. Nothing is required at
    this stage: partial answers are saved; completeness is checked on sending."""

    country = forms.ModelChoiceField(
        label=_("Country where you work"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
    )
    sector = forms.ModelChoiceField(
        label=_("Sector you work in"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
    )
    role = forms.CharField(label=_("Your role"), max_length=120, required=False)

    def __init__(self, *args, questions: list[dict[str, Any]], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            label = gettext(q["label"])
            if q["kind"] == "number":
                help_bits = []
                if q.get("unit"):
                    help_bits.append(gettext("Unit: %(unit)s.") % {"unit": q["unit"]})
                if q.get("min") is not None and q.get("max") is not None:
                    help_bits.append(
                        gettext("Between %(min)s and %(max)s.")
                        % {"min": _num(q["min"]), "max": _num(q["max"])}
                    )
                self.fields[q["key"]] = forms.FloatField(
                    label=label,
                    required=False,
                    min_value=q.get("min"),
                    max_value=q.get("max"),
                    help_text=" ".join(help_bits),
                )
            else:
                self.fields[q["key"]] = forms.CharField(
                    label=label, required=False, max_length=5000, widget=forms.Textarea({"rows": 4})
                )
            self.fields[q["key"]].question = q

    def answers(self) -> dict[str, Any]:
        """The answers that passed validation (invalid ones are left out, not lost:
        the form shows them again with their error)."""
        data = getattr(self, "cleaned_data", {})
        return {q["key"]: data[q["key"]] for q in self.questions if q["key"] in data}

    def question_fields(self):
        return [self[q["key"]] for q in self.questions]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class NeedForm(forms.ModelForm):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code"
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "organisation",
            "description",
            "country",
            "sector",
            "theme",
            "audience",
            "urgency",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": _("What capacity is missing, in a few words."),
            "organisation": _("The government body, local authority or organisation."),
            "description": _("Who needs it, for what, and what has been tried. Markdown."),
        }


class NeedFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug", required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=[("", _("Any"))] + list(Need.Urgency.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + list(Need.Status.choices), required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("", _("Newest")), ("endorsed", _("Most endorsed"))],
        required=False,
    )


class ReplicationFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="code", required=False
    )


class CertificateIssueForm(forms.Form):
    title = forms.CharField(label=_("Certificate title"), max_length=255, required=False)
    description = forms.CharField(
        label=_("What it certifies"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )


def _web_address(value: str) -> None:
    if urlsplit(value).scheme.lower() not in ("http", "https"):
        raise forms.ValidationError(
            _("Give a web address that starts with http:// or https://."), code="scheme"
        )


class BadgeAwardForm(forms.Form):
    """An organiser awards a badge for applied practice to a member of the cohort."""

    recipient = forms.ModelChoiceField(
        label=_("Awarded to"),
        queryset=None,
        to_field_name="handle",
        empty_label=_("Choose a member of the cohort"),
        error_messages={"invalid_choice": _("Choose a member of this cohort.")},
    )
    achievement = forms.ChoiceField(
        label=_("Achievement"),
        choices=[("", _("Choose what the badge recognises"))]
        + list(Certificate.Achievement.choices),
    )
    title = forms.CharField(
        label=_("Badge name"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the achievement's name; required for “Other”."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence (web address)"),
        max_length=500,
        assume_scheme="https",
        validators=[_web_address],
        help_text=_("Where the applied practice can be seen, e.g. the published case study."),
    )
    description = forms.CharField(
        label=_("Narrative"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the member did and why it earns the badge. It appears in the signed "
            "credential and on the public verification page."
        ),
    )

    def __init__(self, *args, group, by, **kwargs):
        super().__init__(*args, **kwargs)
        recipient = self.fields["recipient"]
        recipient.queryset = badge_recipients(group=group).exclude(pk=by.pk)
        recipient.label_from_instance = lambda user: f"{user.display_name} (@{user.handle})"

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("achievement") == Certificate.Achievement.OTHER
            and not (cleaned.get("title") or "").strip()
        ):
            self.add_error("title", _("Name the achievement this badge recognises."))
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=500)


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Credential (JSON)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_CREDENTIAL_BYTES,
        help_text=_("Paste the machine-readable certificate you were given."),
    )
