from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_("How peers will see you. You can change it later."),
    )

    def save(self, request):
        user = super().save(request)
        if self.cleaned_data.get("display_name"):
            user.profile.display_name = self.cleaned_data["display_name"]
            user.profile.save(update_fields=["display_name"])
        return user
