from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.i18n import active_language

from .conf import limit
from .models import Category, Flag


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _body_field(label):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=limit("POST_MAX_CHARS"),
        strip=True,
        help_text=_("Markdown: **bold**, *italic*, > quote, - list, [link](https://…), @handle."),
    )


def _language_field(*, blank_label=None) -> forms.ChoiceField:
    """Which language the member writes in. It defaults to the interface language (the
    usual guess); readers filter discussions by it and screen readers pronounce it. A
    request without the field (an older page, a script) falls back to that guess in the
    service rather than failing; ``blank_label`` offers "not specified" for old posts."""
    choices = list(settings.LANGUAGES)
    if blank_label is not None:
        choices = [("", blank_label), *choices]
    return forms.ChoiceField(
        label=_("Written in"),
        choices=choices,
        required=False,
        initial="" if blank_label is not None else active_language,
        help_text=_("The language of your text, so that readers find it and hear it read well."),
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Images (PNG, JPEG, GIF, WebP) or documents (PDF, Office, OpenDocument, text)."
        ),
    )


class TopicForm(AttachmentsMixin):
    title = forms.CharField(label=_("Title"), max_length=limit("TITLE_MAX_CHARS"))
    body = _body_field(_("Your message"))
    language = _language_field()
    field_order = ["title", "body", "language", "attachments"]


class ReplyForm(AttachmentsMixin):
    body = _body_field(_("Your reply"))
    language = _language_field()
    field_order = ["body", "language", "attachments"]


class PostEditForm(forms.Form):
    body = _body_field(_("Text"))
    language = _language_field(blank_label=_("Not specified"))
    reason = forms.CharField(
        label=_("Reason for the edit (optional)"), required=False, max_length=300
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=limit("REASON_MAX_CHARS"), widget=forms.TextInput()
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=limit("REASON_MAX_CHARS")
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details for the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlagResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Uphold: hide the post")), ("dismiss", _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (shown as the reason when the post is hidden)"),
        required=False,
        max_length=limit("REASON_MAX_CHARS"),
    )


class TopicModerateForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a, a) for a in ("pin", "unpin", "lock", "unlock", "close", "reopen", "move", "rename")
        ]
    )
    category = forms.ModelChoiceField(
        label=_("Move to"), queryset=Category.objects.none(), required=False
    )
    title = forms.CharField(label=_("New title"), required=False, max_length=500)
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories


class SplitForm(forms.Form):
    posts = forms.TypedMultipleChoiceField(label=_("Replies to move"), coerce=int, choices=[])
    title = forms.CharField(label=_("Title of the new topic"), max_length=limit("TITLE_MAX_CHARS"))
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)

    def __init__(self, *args, post_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].choices = [(pk, pk) for pk in post_ids]


class RoomMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=limit("ROOM_MESSAGE_MAX_CHARS"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GroupCategoryForm(forms.Form):
    """A group's organiser gives it a forum (a category of topics)."""

    name = forms.CharField(
        label=_("Name of the forum"),
        max_length=120,
        help_text=_("For example: “Alumni discussions” or “Questions about the course”."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Category.Kind.choices,
        initial=Category.Kind.DISCUSSION,
        help_text=_("Questions and answers let the asker accept the answer that helped."),
        error_messages={"invalid_choice": _("Choose one of the kinds offered.")},
    )
    description = forms.CharField(
        label=_("What it is for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GroupRoomForm(forms.Form):
    """A group's organiser opens a live room (a back-channel for a session)."""

    name = forms.CharField(
        label=_("Name of the room"),
        max_length=160,
        help_text=_("For example: “Monthly alumni call” or “Module 3 workshop”."),
    )
    event_name = forms.CharField(
        label=_("Session it accompanies"),
        required=False,
        max_length=200,
        help_text=_("Optional: the webinar or workshop this room is the back-channel of."),
    )
    description = forms.CharField(
        label=_("What it is for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
