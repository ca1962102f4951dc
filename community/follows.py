"""What members may follow: the registry of followable kinds.

Each app registers its own kinds from its own ``follows.py`` (found at start-up, as
``privacy.py`` is): community registers members and groups here, the forums their topics
and categories, the case studies their pages, the inventory its items. A kind says how
its things are named, where they live and — asked of the one rule that decides it (the
visibility selectors, or ``public_pages`` for pages) — which of them a viewer may see.

Everything about following goes through this registry: the one follow button and its
route (``/follow/<kind>/<id>/``: follow, unfollow, mute, unmute), what
``/profile/following/`` lists (grouped by kind, never something the viewer may no longer
see, muted follows marked), and whether a member may follow a thing at all. Who hears
about what is in :func:`community.services.followers_notify`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from community.models import Follow, Group, User
from community.selectors import visibility


class NotFollowable(Exception):
    """The thing does not exist, is not followable, or the viewer may not see it."""


def _absolute_url(obj: models.Model) -> str:
    return obj.get_absolute_url()


@dataclass(frozen=True)
class FollowableKind:
    """One kind of thing members may follow.

    ``visible(viewer=..., queryset=...)`` narrows a queryset of the model to what the
    viewer may see; it is the kind's only rule and must not restate one.
    """

    key: str
    model: type[models.Model]
    label: Any
    visible: Callable[..., QuerySet]
    name: Callable[[Any], str] = str
    url: Callable[[Any], str] = _absolute_url
    order: int = 100


@dataclass(frozen=True)
class FollowedThing:
    follow: Follow
    object: models.Model
    name: str
    url: str


_kinds: dict[str, FollowableKind] = {}


def register_followable(kind: FollowableKind) -> FollowableKind:
    _kinds[kind.key] = kind
    return kind


def autodiscover() -> None:
    """Import every app's ``follows.py`` so that its kinds are registered."""
    autodiscover_modules("follows")


def kinds() -> list[FollowableKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def kind_for(obj_or_model) -> FollowableKind | None:
    # ``__class__``, not ``type()``: ``request.user`` is a lazy object standing in for a User.
    model = obj_or_model if isinstance(obj_or_model, type) else obj_or_model.__class__
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    return None


def is_followable(model: type[models.Model]) -> bool:
    return kind_for(model) is not None


def can_follow(viewer, obj: models.Model) -> bool:
    """Whether the viewer may follow (and so hear about) ``obj``: they may see it."""
    kind = kind_for(obj)
    if kind is None:
        return False
    queryset = kind.model._default_manager.filter(pk=obj.pk)
    return kind.visible(viewer=viewer, queryset=queryset).exists()


def followable_get(*, viewer, key: str, pk: int) -> models.Model:
    """The thing of kind ``key`` the viewer may see, or :class:`NotFollowable`."""
    kind = _kinds.get(key)
    if kind is None:
        raise NotFollowable(key)
    queryset = kind.model._default_manager.filter(pk=pk)
    obj = kind.visible(viewer=viewer, queryset=queryset).first()
    if obj is None:
        raise NotFollowable(f"{key}:{pk}")
    return obj


def follow_of(*, user, obj: models.Model) -> Follow | None:
    """The member's follow of ``obj`` (muted or not), if they follow it."""
    if not (user is not None and user.is_authenticated):
        return None
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def is_following(*, user, obj: models.Model) -> bool:
    return follow_of(user=user, obj=obj) is not None


def button_state(*, user, obj: models.Model) -> dict[str, Any]:
    """What the follow button shows for ``obj``: whether the member follows it, whether
    that follow is muted, and the one route that mutes it (one query)."""
    follow = follow_of(user=user, obj=obj)
    kind = kind_for(obj)
    return {
        "following": follow is not None,
        "muted": follow is not None and follow.muted,
        "mute_action": reverse("community:follow", kwargs={"kind": kind.key, "pk": obj.pk})
        if kind is not None
        else "",
    }


def followed_by(*, user) -> list[tuple[FollowableKind, list[FollowedThing]]]:
    """What the member follows, grouped by kind in the registry's order, each thing
    still visible to them (one query for the follows, one per kind followed)."""
    by_type: dict[int, list[Follow]] = {}
    for follow in Follow.objects.filter(user=user).order_by("-created_at", "-pk"):
        by_type.setdefault(follow.content_type_id, []).append(follow)
    groups = []
    for kind in kinds():
        follows = by_type.get(ContentType.objects.get_for_model(kind.model).pk)
        if not follows:
            continue
        queryset = kind.model._default_manager.filter(pk__in=[f.object_id for f in follows])
        objects = {obj.pk: obj for obj in kind.visible(viewer=user, queryset=queryset)}
        things = [
            FollowedThing(follow=f, object=obj, name=kind.name(obj), url=kind.url(obj))
            for f in follows
            if (obj := objects.get(f.object_id)) is not None
        ]
        if things:
            groups.append((kind, things))
    return groups


def _visible_members(*, viewer, queryset: QuerySet[User]) -> QuerySet[User]:
    return queryset.filter(is_active=True, deleted_at__isnull=True)


def _visible_groups(*, viewer, queryset: QuerySet[Group]) -> QuerySet[Group]:
    return queryset.filter(pk__in=visibility.group_list(viewer=viewer).values("pk"))


register_followable(
    FollowableKind(
        key="member",
        model=User,
        label=_("Members"),
        visible=_visible_members,
        name=lambda user: user.display_name,
        order=10,
    )
)
register_followable(
    FollowableKind(
        key="group",
        model=Group,
        label=_("Groups"),
        visible=_visible_groups,
        name=lambda group: group.name,
        order=20,
    )
)
