import copy

from allauth.socialaccount import admin as allauth_admin
from allauth.socialaccount.models import SocialApp
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Group,
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    OrganisationSignIn,
    Profile,
    User,
)


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "handle", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "handle"]
    fieldsets = [
        (None, {"fields": ["email", "handle", "password"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [ProfileInline]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    filter_horizontal = ["groups"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "privacy", "cohort_year", "created_at"]
    list_filter = ["kind", "privacy"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["course"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    search_fields = ["email", "group__name"]
    raw_id_fields = ["group", "invited_by", "accepted_by"]
    readonly_fields = ["key"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["group", "user", "decided_by"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "verb", "title", "created_at", "read_at", "emailed_at"]
    list_filter = ["verb"]
    raw_id_fields = ["recipient", "actor", "group"]


# --- Single sign-on ---------------------------------------------------------------

_KEPT = "(unchanged)"


class SocialAppForm(allauth_admin.SocialAppForm):
    """allauth's form, with the client secret and a SAML private key never sent back to
    the browser: left blank (or as "(unchanged)"), they keep their stored value."""

    class Meta(allauth_admin.SocialAppForm.Meta):
        widgets = {
            **allauth_admin.SocialAppForm.Meta.widgets,
            "secret": forms.PasswordInput(render_value=False, attrs={"size": "100"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secret"].required = False
        self.fields["secret"].help_text = _("Stored; not shown. Leave blank to keep it.")
        settings = copy.deepcopy(self.initial.get("settings") or {})
        if isinstance(settings, dict) and settings.get("advanced", {}).get("private_key"):
            settings["advanced"]["private_key"] = _KEPT
            self.initial["settings"] = settings

    def clean_secret(self) -> str:
        return self.cleaned_data.get("secret") or (self.instance.secret if self.instance else "")

    def clean_settings(self):
        settings = self.cleaned_data.get("settings") or {}
        stored = (self.instance.settings or {}) if self.instance.pk else {}
        advanced = settings.get("advanced") if isinstance(settings, dict) else None
        if isinstance(advanced, dict) and advanced.get("private_key") == _KEPT:
            advanced["private_key"] = stored.get("advanced", {}).get("private_key", "")
        return settings


admin.site.unregister(SocialApp)


@admin.register(SocialApp)
class SocialAppAdmin(allauth_admin.SocialAppAdmin):
    form = SocialAppForm


@admin.register(OrganisationSignIn)
class OrganisationSignInAdmin(admin.ModelAdmin):
    list_display = ["provider_id", "organisation", "email_domains"]
    filter_horizontal = ["groups"]
