"""Inventory items as followable things; a change of an item's status (existing,
planned, archived) is news for its followers. Who may follow an item is who may read
it: published items (an item belongs to no group)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision

from community import services as community_services
from community.follows import FollowableKind, register_followable
from community.models import Follow, Notification

from .models import InventoryItem


def _visible_items(*, viewer, queryset: QuerySet[InventoryItem]) -> QuerySet[InventoryItem]:
    return queryset.published()


register_followable(
    FollowableKind(
        key="inventory-item",
        model=InventoryItem,
        label=gettext_lazy("Inventory items"),
        visible=_visible_items,
        name=lambda item: item.title,
        order=60,
    )
)


def item_status_notify(*, item_id: int) -> int:
    """Tell the followers of an item (in any of its languages) its new status; the
    author of its latest revision (the editor who published it, or the importer) made
    the change and is not told."""
    item = InventoryItem.objects.published().filter(pk=item_id).first()
    if item is None:
        return 0
    revision = (
        Revision.objects.for_instance(item).select_related("user").order_by("-created_at", "-pk")
    ).first()
    versions = list(InventoryItem.objects.filter(translation_key=item.translation_key))
    return community_services.followers_notify(
        followed=versions,
        verb=Notification.Verb.NEW_CONTENT,
        title=_("“%(title)s” is now %(status)s")
        % {"title": item.title, "status": item.get_status_display().lower()},
        url=item.get_absolute_url(),
        actor=revision.user if revision is not None else None,
        target=item,
    )


def items_status_notify(*, item_ids: list[int]) -> int:
    """``item_status_notify`` for many items whose status changed (an import), asking
    first, in one query, which of them anyone follows in any of its languages: an
    import that archives a thousand items costs one query, not four per item."""
    if not item_ids:
        return 0
    followed = Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(InventoryItem),
        object_id__in=InventoryItem.objects.filter(
            translation_key=OuterRef(OuterRef("translation_key"))
        ).values("pk"),
    )
    ids = InventoryItem.objects.filter(pk__in=item_ids).filter(Exists(followed))
    return sum(item_status_notify(item_id=pk) for pk in ids.values_list("pk", flat=True))


@receiver(pre_save, sender=InventoryItem, dispatch_uid="inventory.follows.status_before")
def _remember_status(sender, instance: InventoryItem, **kwargs) -> None:
    instance._status_before = (
        InventoryItem.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk is not None
        else None
    )


@receiver(post_save, sender=InventoryItem, dispatch_uid="inventory.follows.status_changed")
def _on_status_change(sender, instance: InventoryItem, created: bool, **kwargs) -> None:
    """Publishing a revision and imports both save the row. The notifications are
    written in the same transaction as the change (the live bell waits for the commit)."""
    before = getattr(instance, "_status_before", None)
    if created or before is None or before == instance.status:
        return
    instance._status_before = instance.status
    item_status_notify(item_id=instance.pk)
