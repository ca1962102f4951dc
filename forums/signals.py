"""Live access follows membership: when a member leaves (or is removed from) a group, or
a group's privacy changes, the affected sockets re-check what they may see."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.models import Group, Membership

from . import live


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance: Membership, **kwargs) -> None:
    user_id = instance.user_id
    transaction.on_commit(
        lambda: live.broadcast(live.user_group(user_id), {"type": "access.recheck"})
    )


@receiver(post_save, sender=Group)
def group_changed(sender, instance: Group, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw:
        return
    group_id = instance.pk
    transaction.on_commit(
        lambda: live.broadcast(live.community_group(group_id), {"type": "access.recheck"})
    )
