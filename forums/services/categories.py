"""A group's own forum: the categories an organiser opens for it from the group page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import rules
from community.models import Group, User
from core.markdown import clean_text

from ..models import Category


def unique_slug(model: type[models.Model], text: str, *, fallback: str) -> str:
    """A slug for ``text`` that no row of ``model`` uses yet ("-2", "-3"… appended):
    two groups may well both call their forum "General"."""
    base = (slugify(text) or fallback)[:110]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def category_create(
    *,
    group: Group,
    actor: User,
    name: str,
    description: str = "",
    kind: str = Category.Kind.DISCUSSION,
) -> Category:
    """Give ``group`` a forum category. Who may is decided by
    ``community.rules.can_open_group_spaces``; the category follows the group's
    privacy, as every group category does."""
    if not rules.can_open_group_spaces(user=actor, group=group):
        raise PermissionDenied(_("Only the group's owners and moderators can do this."))
    name = " ".join(clean_text(name).split())[:120]
    if not name:
        raise ValidationError({"name": _("Give the forum a name.")})
    if kind not in Category.Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds offered.")})
    position = Category.objects.filter(group=group).count()
    return Category.objects.create(
        name=name,
        slug=unique_slug(Category, f"{group.slug} {name}", fallback="forum"),
        description=clean_text(description),
        kind=kind,
        group=group,
        position=position,
    )
