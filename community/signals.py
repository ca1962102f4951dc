from allauth.account.signals import email_confirmed
from django.conf import settings
from django.contrib import messages
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.page_cache import invalidate_pages

from .events import group_privacy_changed
from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every user has a profile, however the user was created (sign-up, admin, shell)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(email_confirmed)
def join_invited_groups(sender, request, email_address, **kwargs) -> None:
    """People invited before they had an account join their groups as soon as they
    prove they own the invited address."""
    from . import services

    groups = services.invitations_accept_for_email(
        user=email_address.user, email=email_address.email
    )
    if request is not None and groups:
        for group in groups:
            messages.success(
                request, _("Welcome to %(group)s: you joined it by invitation.") % {"group": group}
            )


@receiver(group_privacy_changed, dispatch_uid="community-privacy-pagecache")
def forget_cached_pages(sender, group_id: int, **kwargs) -> None:
    """A group made private must vanish from pages visitors were served from the cache
    (its topics on the forums, its name in listings) at once, not when they expire."""
    invalidate_pages()
