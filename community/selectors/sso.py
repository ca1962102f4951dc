"""Reads about single sign-on: which organisation a provider stands for, which provider an
email domain must use, and the sign-in buttons a page shows. The domain rule is asked
here and nowhere else (password log-in, sign-up and provider sign-in all call
:func:`sign_in_required_for`)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from allauth.socialaccount.adapter import get_adapter
from django.http import HttpRequest
from django.utils.translation import gettext as _

from community.models import OrganisationSignIn, User


@dataclass(frozen=True)
class SignInButton:
    provider_id: str
    name: str
    label: str
    login_url: str


def organisation_sign_in(*, provider_id: str) -> OrganisationSignIn | None:
    return (
        OrganisationSignIn.objects.select_related("organisation")
        .filter(provider_id=provider_id)
        .first()
    )


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def sign_in_required_for(*, email: str) -> OrganisationSignIn | None:
    """The provider that people with this address must sign in through, if any."""
    domain = email_domain(email or "")
    if not domain:
        return None
    for rule in OrganisationSignIn.objects.select_related("organisation").exclude(email_domains=""):
        if domain in rule.domains:
            return rule
    return None


def provider_display_name(*, provider_id: str, default: str) -> str:
    """The organisation's name when the provider is tied to one, else the app's name."""
    rule = organisation_sign_in(provider_id=provider_id)
    if rule is not None and rule.organisation is not None:
        return rule.organisation.name
    return default


def sign_in_buttons(*, request: HttpRequest) -> list[SignInButton]:
    """One "Sign in with …" button per configured provider (admin and environment)."""
    rules = {
        rule.provider_id: rule for rule in OrganisationSignIn.objects.select_related("organisation")
    }
    buttons = []
    origins = []
    for provider in get_adapter().list_providers(request):
        if provider.app is not None and provider.app.settings.get("hidden"):
            continue
        origins.append(provider_origin(provider))
        rule = rules.get(provider.sub_id)
        name = rule.organisation.name if rule and rule.organisation else provider.name
        buttons.append(
            SignInButton(
                provider_id=provider.sub_id,
                name=name,
                label=_("Sign in with %(name)s") % {"name": name},
                login_url=provider.get_login_url(request),
            )
        )
    allow_form_action(request, origins)
    return sorted(buttons, key=lambda button: button.name.lower())


def provider_origin(provider) -> str | None:
    """Where a provider's sign-in page lives, as a CSP source: the origin of the OpenID
    Connect issuer or of the SAML IdP's sign-in (or metadata) address."""
    settings = provider.app.settings if provider.app is not None else {}
    idp = settings.get("idp", {})
    for url in (settings.get("server_url"), idp.get("sso_url"), idp.get("metadata_url")):
        if url:
            parsed = urlparse(url)
            if parsed.scheme in ("http", "https") and parsed.netloc:
                return f"{parsed.scheme}://{parsed.netloc}"
    return None


def allow_form_action(request: HttpRequest, origins) -> None:
    """Let this page's forms lead to these origins (see core.middleware)."""
    current = set(getattr(request, "csp_form_action", ()) or ())
    request.csp_form_action = current | {origin for origin in origins if origin}


def sign_in_methods_count(*, user: User) -> int:
    """Password (when set) plus connected providers: what the member can sign in with."""
    return int(user.has_usable_password()) + user.socialaccount_set.count()
