"""Live access follows membership and ownership: when a member leaves (or is removed
from) a group, a group's privacy changes, or a category changes hands, the affected
sockets reload and decide again what they may see (``forums.consumers``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.models import Group, Membership

from . import live
from .models import Category


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance: Membership, **kwargs) -> None:
    live.recheck_on_commit(live.user_group(instance.user_id))


@receiver(post_save, sender=Group)
def group_changed(sender, instance: Group, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw:
        return
    live.recheck_on_commit(live.community_group(instance.pk))


@receiver(post_save, sender=Category)
def category_changed(
    sender, instance: Category, created: bool, raw: bool = False, **kwargs
) -> None:
    if created or raw:
        return
    live.recheck_on_commit(live.category_group(instance.pk))
