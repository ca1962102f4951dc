"""The activity feed of a group, gathered from every app that has something to say.

Community contributes "joined the group" events; other apps register a source with
:func:`register_activity_source` in their own ``activity.py`` (found at start-up): the
forums' new topics, replies and case studies shared in a topic.
A source is only ever asked for a group whose content the viewer may see (the caller
checks with ``community.selectors.can_view_group_content``), and must return at most
``limit`` items, newest first, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from community.models import Group, User


@dataclass(frozen=True)
class ActivityItem:
    when: datetime
    actor: User | None
    text: str
    url: str = ""
    kind: str = ""


ActivitySource = Callable[..., list[ActivityItem]]
_sources: list[ActivitySource] = []


def register_activity_source(source: ActivitySource) -> ActivitySource:
    """Decorator: ``source(*, viewer, group, limit) -> list[ActivityItem]``."""
    if source not in _sources:
        _sources.append(source)
    return source


def autodiscover() -> None:
    """Import every app's ``activity.py`` so that its sources are registered."""
    autodiscover_modules("activity")


def activity_sources() -> list[ActivitySource]:
    return list(_sources)


def gather(*, viewer, group: Group, limit: int) -> list[ActivityItem]:
    items: list[ActivityItem] = []
    for source in _sources:
        items.extend(source(viewer=viewer, group=group, limit=limit))
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


__all__ = ["ActivityItem", "activity_sources", "autodiscover", "gather", "register_activity_source"]
