from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, MultipleObjectsReturned
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.addresses import on_site

from . import selectors, services
from .models import User
from .sso_errors import describe_problem

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Emails addresses are stored lower-case so that one person has one account; the
    links in account emails are on the site's public address (``SITE_URL``), not on
    whatever host the request came in on."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """After signing out here, a member who came through an OpenID Connect provider
        that supports RP-initiated logout is sent there to end that session too, and
        comes back to the home page."""
        home = super().get_logout_redirect_url(request)
        end_session = _end_session_url(request, return_to=request.build_absolute_uri(home))
        return end_session or home


def _end_session_url(request: HttpRequest, *, return_to: str) -> str | None:
    signed_in = request.session.get(services.sso.SIGNED_IN_SESSION_KEY)
    if not signed_in or not getattr(request, "user", None) or not request.user.is_authenticated:
        return None
    try:
        provider = get_social_adapter().get_provider(request, signed_in["provider_id"])
        if provider.id != "openid_connect":
            return None
        endpoint = provider.get_oauth2_adapter(request).openid_config.get("end_session_endpoint")
    except (requests.RequestException, ValueError, LookupError) as exc:
        logger.warning("no RP-initiated logout for %s: %s", signed_in["provider_id"], type(exc))
        return None
    except (SocialApp.DoesNotExist, MultipleObjectsReturned, ImproperlyConfigured):
        return None  # the provider was removed or changed since the sign-in
    if not endpoint:
        return None
    params = {"client_id": provider.app.client_id, "post_logout_redirect_uri": return_to}
    if signed_in.get("id_token"):
        params["id_token_hint"] = signed_in["id_token"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


def asserted_email(sociallogin: SocialLogin) -> str:
    for address in sociallogin.email_addresses:
        if address.email:
            return address.email.strip().lower()
    return (sociallogin.user.email or "").strip().lower() if sociallogin.user else ""


def sso_problem_page(
    request: HttpRequest, *, problem: str, provider_name: str = "", status: int = 401
) -> HttpResponse:
    """The page every failed provider sign-in ends on: what happened, and the other ways
    to sign in."""
    return render(
        request,
        "socialaccount/authentication_error.html",
        {"problem": describe_problem(problem, provider_name=provider_name)},
        status=status,
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on as a product: organisation providers, the domain rule, no silent
    merging of accounts, and error pages that say what happened."""

    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        "no_password": gettext_lazy(
            "This is your last way to sign in, so it cannot be disconnected: set a "
            "password or connect another organisation first."
        ),
        "no_verified_email": gettext_lazy(
            "This is your last way to sign in, so it cannot be disconnected: confirm an "
            "email address and set a password first."
        ),
    }

    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        for app in apps:
            if app.provider == "saml":
                app.settings = saml_settings(app.settings)
        return apps

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data):
        """Only the address: names go to the profile (``save_user``); the user model has
        no first or last name to write."""
        user = sociallogin.user
        user.email = (data.get("email") or "").strip().lower()
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        sociallogin.commons_name = (name or "")[:120]
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        provider = sociallogin.account.get_provider()
        provider_id = sociallogin.account.provider
        name = selectors.provider_display_name(provider_id=provider_id, default=provider.name)
        email = asserted_email(sociallogin)
        if sociallogin.is_existing:
            services.sign_in_apply_organisation(user=sociallogin.user, provider_id=provider_id)
            return
        if not email:
            logger.info("provider %s asserted no email address", provider_id)
            raise ImmediateHttpResponse(
                sso_problem_page(request, problem="no_email", provider_name=name)
            )
        rule = selectors.sign_in_required_for(email=email)
        if rule is not None and rule.provider_id != provider_id:
            raise ImmediateHttpResponse(
                sso_problem_page(request, problem="other_provider", provider_name=name)
            )
        if request.user.is_authenticated:
            return  # connecting a provider from the account page
        if (
            User.objects.filter(email__iexact=email).exists()
            or EmailAddress.objects.filter(email__iexact=email).exists()
        ):
            services.pending_connection_stash(request=request, sociallogin=sociallogin)
            messages.info(
                request,
                _(
                    "An account with the address %(email)s already exists. Sign in to it "
                    "once with your password to connect %(provider)s; after that, the "
                    "%(provider)s button signs you in."
                )
                % {"email": email, "provider": name},
            )
            raise ImmediateHttpResponse(redirect(reverse("account_login")))

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form=None):
        """The account, its address, the connection, the organisation and the groups are
        written together or not at all."""
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form)
            name = getattr(sociallogin, "commons_name", "")
            if name and not user.profile.display_name:
                user.profile.display_name = name
                user.profile.save(update_fields=["display_name"])
            services.sign_in_apply_organisation(user=user, provider_id=sociallogin.account.provider)
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        problem = classify_problem(error=error, exception=exception, context=extra_context)
        logger.warning(
            "sign-in through %s failed: %s (%s)",
            getattr(provider, "sub_id", "?"),
            problem,
            type(exception).__name__ if exception else error,
        )
        name = ""
        if provider is not None:
            name = selectors.provider_display_name(
                provider_id=provider.sub_id, default=provider.name
            )
        if problem == "cancelled":
            return  # allauth's "cancelled" page
        raise ImmediateHttpResponse(sso_problem_page(request, problem=problem, provider_name=name))


def classify_problem(*, error, exception, context) -> str:
    """Name what went wrong in a provider sign-in, for the person and the log."""
    from allauth.socialaccount.providers.base.constants import AuthError

    from .oidc.views import IDTokenError

    context = context or {}
    if error == AuthError.CANCELLED:
        return "cancelled"
    if isinstance(exception, IDTokenError):
        return {"clock": "clock_skew"}.get(exception.reason, "invalid_response")
    if isinstance(exception, requests.RequestException) or isinstance(
        getattr(exception, "__cause__", None), requests.RequestException
    ):
        return "provider_down"
    if exception is not None:
        return "invalid_response"
    if context.get("saml_errors"):
        reason = (context.get("saml_last_error_reason") or "").lower()
        clock_words = ("expired", "not yet valid", "notbefore", "notonorafter", "future")
        if any(word in reason for word in clock_words):
            return "clock_skew"
        return "invalid_response"
    callback = context.get("callback_view")
    request = getattr(callback, "request", None)
    if request is not None and request.GET.get("error"):
        return "provider_error"
    if "state_id" in context:
        return "state_mismatch"
    return "unknown"


def saml_settings(settings: dict) -> dict:
    """SAML settings as allauth reads them, from what staff or the environment wrote:
    the IdP's metadata document (``idp.metadata_xml``) becomes its entity id, certificate
    and sign-in address; assertions must be signed unless said otherwise."""
    settings = {**settings}
    idp = dict(settings.get("idp", {}))
    if idp.get("metadata_xml"):
        from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

        parsed = OneLogin_Saml2_IdPMetadataParser.parse(
            idp.pop("metadata_xml"), entity_id=idp.get("entity_id")
        )["idp"]
        idp.setdefault("entity_id", parsed["entityId"])
        idp.setdefault("sso_url", parsed["singleSignOnService"]["url"])
        idp.setdefault("x509cert", parsed.get("x509cert", ""))
        if parsed.get("singleLogoutService", {}).get("url"):
            idp.setdefault("slo_url", parsed["singleLogoutService"]["url"])
    if idp.get("metadata_url"):
        idp.setdefault("entity_id", None)
    settings["idp"] = idp
    advanced = {"want_assertion_signed": True, **settings.get("advanced", {})}
    settings["advanced"] = advanced
    return settings
