import re

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Region, Theme

from . import delivery, roster, services
from .languages import language_choices
from .models import Group, Profile, User


def _domain_rule_error(email: str) -> forms.ValidationError | None:
    """The domain rule (``selectors.sign_in_required_for``) as a form error: people at a
    domain whose organisation signs them in do not use a password here."""
    from .selectors import email_domain, sign_in_required_for

    rule = sign_in_required_for(email=email or "")
    if rule is None:
        return None
    name = rule.organisation.name if rule.organisation_id else rule.provider_id
    return forms.ValidationError(
        _(
            "People at %(domain)s sign in with %(organisation)s. Use the “Sign in with "
            "%(organisation)s” button on this page."
        ),
        code="sign_in_with_organisation",
        params={"domain": email_domain(email), "organisation": name},
    )


class LoginForm(AllauthLoginForm):
    def clean(self):
        error = _domain_rule_error(self.data.get("login", "").strip().lower())
        if error is not None:
            raise error
        return super().clean()


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_("How peers will see you. You can change it later."),
    )

    def clean_email(self):
        email = super().clean_email()
        error = _domain_rule_error(email)
        if error is not None:
            raise error
        return email

    def save(self, request):
        user = super().save(request)
        if self.cleaned_data.get("display_name"):
            user.profile.display_name = self.cleaned_data["display_name"]
            user.profile.save(update_fields=["display_name"])
        return user


class ProfileForm(forms.ModelForm):
    """The member's own profile, each private field beside who may see it."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"), required=False, choices=language_choices
    )
    avatar_upload = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my picture"), required=False)
    handle = forms.SlugField(
        label=_("Handle"),
        max_length=40,
        help_text=_("Your address on the site (/members/handle/) and how others @mention you."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "organisation",
            "organisation_visibility",
            "role",
            "role_visibility",
            "country",
            "country_visibility",
            "languages",
            "languages_visibility",
            "themes",
            "themes_visibility",
            "bio",
            "bio_visibility",
            "avatar_visibility",
            "language",
            "digest_frequency",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple, "bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["handle"].initial = user.handle
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["display_name"].required = True
        for name in Profile.PRIVATE_FIELDS:
            self.fields[f"{name}_visibility"].label = _("Who can see this")
        chosen = delivery.preferences_for(profile=self.instance)
        for news, label in delivery.news_kinds():
            self.fields[self._news_field(news)] = forms.ChoiceField(
                label=label,
                choices=delivery.Delivery.choices,
                initial=chosen[news],
                required=False,
            )

    @staticmethod
    def _news_field(news: str) -> str:
        return "news_" + news.replace("-", "_")

    def news_delivery_fields(self) -> list:
        """The bound per-kind delivery fields, in the kinds' order (for the template)."""
        return [self[self._news_field(news)] for news, _label in delivery.news_kinds()]

    def news_delivery(self) -> dict[str, str]:
        """The cleaned choices as stored in ``Profile.news_delivery``; a kind the form
        did not send keeps the member's current choice."""
        chosen = delivery.preferences_for(profile=self.instance)
        return {
            news: self.cleaned_data.get(self._news_field(news)) or chosen[news]
            for news, _label in delivery.news_kinds()
        }

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"].lower()
        if User.objects.filter(handle=handle).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("This handle is taken. Choose another one."))
        if handle.startswith("former-member"):
            raise forms.ValidationError(_("This handle is reserved."))
        return handle

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        return services.avatar_normalise(upload)

    def visibility_pairs(self) -> list[tuple]:
        """(field, its visibility field) for the template: they are shown side by side."""
        pairs = []
        for name in Profile.PRIVATE_FIELDS:
            field = self["avatar_upload"] if name == "avatar" else self[name]
            pairs.append((field, self[f"{name}_visibility"]))
        return pairs


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"), required=False, queryset=Country.objects.all(), to_field_name="code"
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.all(), to_field_name="code"
    )
    role = forms.CharField(label=_("Role"), required=False, max_length=100)
    theme = forms.ModelChoiceField(
        label=_("Theme"), required=False, queryset=Theme.objects.all(), to_field_name="slug"
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]
        self.fields["country"].empty_label = _("Any country")
        self.fields["region"].empty_label = _("Any region")
        self.fields["theme"].empty_label = _("Any theme")


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "privacy", "description", "course", "cohort_year"]
        widgets = {
            "privacy": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from inventory.models import InventoryItem

        self.fields["course"].queryset = InventoryItem.objects.published().order_by("title")
        self.fields["cohort_year"].widget.attrs.update({"min": 1990, "max": 2100})

    def clean(self):
        data = super().clean()
        if data.get("kind") == Group.Kind.ALUMNI_NETWORK and not data.get("course"):
            self.add_error("course", _("An alumni network belongs to a course: choose it."))
        year = data.get("cohort_year")
        if year is not None and not 1990 <= year <= 2100:
            self.add_error("cohort_year", _("Enter a year between 1990 and 2100."))
        return data


class MultiEmailField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        value = super().clean(value)
        emails = [e for e in (part.strip() for part in re.split(r"[\s,;]+", value or "")) if e]
        if not emails:
            raise forms.ValidationError(_("Enter at least one email address."))
        if len(emails) > 100:
            raise forms.ValidationError(
                _("Invite at most 100 people at once; use the roster import for more.")
            )
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                bad.append(email)
        if bad:
            raise forms.ValidationError(
                _("Not valid email addresses: %(emails)s") % {"emails": ", ".join(bad)}
            )
        return emails


class InviteForm(forms.Form):
    emails = MultiEmailField(
        label=_("Email addresses"),
        help_text=_("One or more addresses, separated by commas or new lines."),
    )


class RosterForm(forms.Form):
    roster = forms.FileField(
        label=_("Roster (CSV)"),
        help_text=_("A CSV file with one email address per row, or a column headed “email”."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_roster(self):
        upload = self.cleaned_data["roster"]
        data = upload.read(roster.MAX_BYTES + 1)
        parsed = roster.parse_roster(data)
        if parsed.errors:
            self.row_errors = parsed.errors
            raise forms.ValidationError(
                _("The roster has %(n)d problem(s); nothing was imported. Fix them and try again.")
                % {"n": len(parsed.errors)}
            )
        return parsed.emails


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organisers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    delete_content = forms.BooleanField(
        label=_("Also delete what I have posted"),
        required=False,
        help_text=_(
            "Otherwise your posts stay, shown as by “former member”, so that discussions "
            "others took part in remain readable."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
