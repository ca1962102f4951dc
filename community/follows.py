"""What members may follow, and whether a given member may follow a given thing.

Members, groups (that the viewer may see) are registered here; other apps register their
followable models (case studies, forum topics and categories) with a check that uses the
group visibility selectors, so nobody follows — and hears about — what they cannot see.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from community import selectors
from community.models import Group, User

_checks: dict[type[models.Model], Callable[[object, models.Model], bool]] = {}


def register_followable(model: type[models.Model], check: Callable[[object, models.Model], bool]):
    _checks[model] = check


def is_followable(model: type[models.Model]) -> bool:
    return model in _checks


def can_follow(viewer, obj: models.Model) -> bool:
    check = _checks.get(type(obj))
    return check is not None and check(viewer, obj)


register_followable(User, lambda viewer, user: user.is_active and user.deleted_at is None)
register_followable(
    Group, lambda viewer, group: selectors.can_see_group(viewer=viewer, group=group)
)
