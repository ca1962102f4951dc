from allauth.account.signals import email_confirmed, user_logged_in
from allauth.socialaccount.signals import social_account_added
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


@receiver(user_logged_in, dispatch_uid="community-sso-logged-in")
def remember_provider_and_connect_pending(sender, request, user, **kwargs) -> None:
    """After any sign-in: remember the provider used (for RP-initiated logout), and
    connect a provider sign-in that waited for this account's owner to prove who they
    are (``SocialAccountAdapter.pre_social_login``)."""
    from . import services
    from .oidc.views import ID_TOKEN_ATTRIBUTE
    from .selectors.sso import provider_origin

    if request is None:
        return
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is not None:
        provider = sociallogin.account.get_provider()
        services.signed_in_remember(
            request=request,
            provider_id=sociallogin.account.provider,
            id_token=getattr(sociallogin, ID_TOKEN_ATTRIBUTE, ""),
            origin=provider_origin(provider) if provider.id == "openid_connect" else None,
        )
    connected = services.pending_connection_complete(request=request, user=user)
    if connected is not None:
        from .selectors import provider_display_name

        name = provider_display_name(
            provider_id=connected.account.provider, default=connected.account.get_provider().name
        )
        messages.success(
            request,
            _("%(provider)s is now connected: next time, use its button to sign in.")
            % {"provider": name},
        )


@receiver(social_account_added, dispatch_uid="community-sso-connected")
def apply_organisation_on_connect(sender, request, sociallogin, **kwargs) -> None:
    """Connecting an organisation's provider from the account page gives what signing up
    through it gives: the organisation on the profile, its groups."""
    from . import services

    services.sign_in_apply_organisation(
        user=sociallogin.user, provider_id=sociallogin.account.provider
    )
