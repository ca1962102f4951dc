"""Profiles and the member directory, as a given viewer may see them.

Each profile field has its own visibility (everyone / signed-in members / only me). The
directory filters only on what the viewer may see, so a member who hides their country
cannot be found by country by someone who may not see it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from community.languages import language_name
from community.models import Profile, User, Visibility
from taxonomy.models import Country, Region, Theme


def visibility_levels(*, viewer, owner: User | None = None) -> list[str]:
    """The visibility levels whose fields ``viewer`` may see (on ``owner``'s profile)."""
    if owner is not None and viewer is not None and viewer.is_authenticated:
        if viewer.pk == owner.pk:
            return [Visibility.EVERYONE, Visibility.MEMBERS, Visibility.NOBODY]
    if viewer is not None and viewer.is_authenticated and viewer.is_active:
        return [Visibility.EVERYONE, Visibility.MEMBERS]
    return [Visibility.EVERYONE]


@dataclass
class ProfileView:
    """What one viewer sees of one profile: hidden fields are empty."""

    user: User
    display_name: str
    handle: str
    is_self: bool = False
    organisation: str = ""
    role: str = ""
    country: Country | None = None
    languages: list[tuple[str, str]] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    bio: str = ""
    avatar_url: str = ""

    @property
    def initials(self) -> str:
        parts = [p for p in self.display_name.split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


def profile_view(*, viewer, user: User) -> ProfileView:
    """Build the viewer's view of ``user``'s profile from already-loaded rows (the
    directory prefetches themes, so this costs no query)."""
    profile: Profile = user.profile
    levels = visibility_levels(viewer=viewer, owner=user)

    def shown(name: str) -> bool:
        return getattr(profile, f"{name}_visibility") in levels

    view = ProfileView(
        user=user,
        display_name=user.display_name,
        handle=user.handle,
        is_self=bool(viewer is not None and viewer.is_authenticated and viewer.pk == user.pk),
    )
    if shown("organisation"):
        view.organisation = profile.organisation
    if shown("role"):
        view.role = profile.role
    if shown("country"):
        view.country = profile.country
    if shown("languages"):
        view.languages = [(code, language_name(code)) for code in profile.languages or []]
    if shown("themes"):
        view.themes = list(profile.themes.all())
    if shown("bio"):
        view.bio = profile.bio
    if shown("avatar") and profile.avatar:
        view.avatar_url = avatar_url(profile=profile)
    return view


def avatar_url(*, profile: Profile) -> str:
    """The address of a member's picture: the avatar view, never the file itself. The
    ``v`` parameter changes with the picture, so a cached copy never outlives it."""
    version = hashlib.sha256(profile.avatar.name.encode()).hexdigest()[:12]
    return reverse("community:member_avatar", args=[profile.user.handle]) + f"?v={version}"


def avatar_for_viewer(*, viewer, handle: str) -> Profile:
    """The profile whose picture ``viewer`` may see, or 404 (no picture, or hidden from
    this viewer: the two answer alike)."""
    profile = (
        Profile.objects.select_related("user")
        .filter(user__handle=handle, user__is_active=True, user__deleted_at__isnull=True)
        .exclude(avatar="")
        .first()
    )
    if profile is None:
        raise Http404
    if profile.avatar_visibility not in visibility_levels(viewer=viewer, owner=profile.user):
        raise Http404
    return profile


def _members() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, deleted_at__isnull=True)
        .select_related("profile", "profile__country")
        .prefetch_related("profile__themes")
    )


def profile_for_viewer(*, viewer, handle: str) -> ProfileView:
    """The profile page of an active member, or 404."""
    user = _members().filter(handle=handle).first()
    if user is None:
        raise Http404
    return profile_view(viewer=viewer, user=user)


def member_directory(*, viewer, filters: dict[str, Any]) -> QuerySet[User]:
    """Active members matching ``filters`` (country, region, role, theme, language, q),
    each filter applied only to profiles whose field the viewer may see."""
    levels = visibility_levels(viewer=viewer)
    members = _members()
    q = (filters.get("q") or "").strip()
    if q:
        members = members.filter(
            Q(profile__display_name__icontains=q)
            | Q(handle__icontains=q)
            | Q(profile__organisation__icontains=q, profile__organisation_visibility__in=levels)
        )
    country: Country | None = filters.get("country")
    if country is not None:
        members = members.filter(profile__country=country, profile__country_visibility__in=levels)
    region: Region | None = filters.get("region")
    if region is not None:
        members = members.filter(
            region.country_q("profile__country__"), profile__country_visibility__in=levels
        )
    role = (filters.get("role") or "").strip()
    if role:
        members = members.filter(profile__role__icontains=role, profile__role_visibility__in=levels)
    theme: Theme | None = filters.get("theme")
    if theme is not None:
        members = members.filter(
            pk__in=Profile.themes.through.objects.filter(
                theme=theme, profile__themes_visibility__in=levels
            ).values("profile__user_id")
        )
    language = filters.get("language")
    if language:
        if connection.features.supports_json_field_contains:
            language_q = Q(profile__languages__contains=[language])
        else:  # SQLite (the demo): the codes are plain ASCII, matched in the JSON text
            language_q = Q(profile__languages__icontains=f'"{language}"')
        members = members.filter(language_q, profile__languages_visibility__in=levels)
    return members.order_by("profile__display_name", "handle")
