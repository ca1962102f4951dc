"""The forums' followable kinds: topics (watching a topic is following it) and
categories. Who may follow one is who may read it (``forums.selectors``, which asks the
group visibility rule)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from community.follows import FollowableKind, register_followable

from . import selectors
from .models import Category, Topic


def _visible_topics(*, viewer, queryset: QuerySet[Topic]) -> QuerySet[Topic]:
    return queryset.filter(pk__in=selectors.visible_topics(viewer=viewer).values("pk"))


def _visible_categories(*, viewer, queryset: QuerySet[Category]) -> QuerySet[Category]:
    return queryset.filter(pk__in=selectors.category_list(viewer=viewer).values("pk"))


register_followable(
    FollowableKind(
        key="topic",
        model=Topic,
        label=_("Forum topics"),
        visible=_visible_topics,
        name=lambda topic: topic.title,
        order=30,
    )
)
register_followable(
    FollowableKind(
        key="category",
        model=Category,
        label=_("Forum categories"),
        visible=_visible_categories,
        name=lambda category: category.name,
        order=40,
    )
)
