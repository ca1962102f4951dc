from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Group, Invitation, JoinRequest, Membership, Notification, Profile, User


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
