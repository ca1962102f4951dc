"""Following: how members choose what they hear about."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from community.models import Follow, User


@transaction.atomic
def follow_create(*, user: User, target: models.Model) -> Follow:
    follow, _ = Follow.objects.get_or_create(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    )
    return follow


@transaction.atomic
def follow_delete(*, user: User, target: models.Model) -> None:
    Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).delete()
