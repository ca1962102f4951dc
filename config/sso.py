"""Identity providers configured from the environment (read once, by the settings).

Two variables, each a JSON list, so that any number of providers can be declared
without code (see the README, "Single sign-on"):

``SSO_OIDC_PROVIDERS``
    ``[{"id": "example", "name": "Example Ministry", "server_url": "https://id.example.gov",
    "client_id": "…", "secret": "…"}]`` — one OpenID Connect provider each; optional
    ``"settings"`` are passed to allauth's app settings (e.g. ``"scope"``).

``SSO_SAML_PROVIDERS``
    ``[{"id": "unagency", "name": "UN Agency", "slug": "unagency",
    "metadata_url": "https://idp.example.org/metadata"}]`` — or ``"metadata_xml"`` with
    the IdP's metadata document instead of its address, or the ``"idp"`` block of
    allauth's SAML settings; optional ``"attribute_mapping"``, ``"sp"`` and
    ``"advanced"`` are allauth's.

They become allauth ``SOCIALACCOUNT_PROVIDERS[...]["APPS"]`` entries, which behave like
``SocialApp`` rows made in the Django admin. Secrets stay in the settings: allauth never
renders them and this module never logs them.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def _load(text: str, variable: str) -> list[dict[str, Any]]:
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{variable} is not valid JSON ({exc.msg}).") from None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ImproperlyConfigured(f"{variable} must be a JSON list of objects.")
    return value


def _require(item: dict[str, Any], keys: tuple[str, ...], variable: str) -> None:
    missing = [key for key in keys if not item.get(key)]
    if missing:
        raise ImproperlyConfigured(
            f"{variable}: provider {item.get('id', '?')!r} lacks {', '.join(missing)}."
        )


def oidc_apps(text: str) -> list[dict[str, Any]]:
    """allauth ``openid_connect`` APPS from ``SSO_OIDC_PROVIDERS``."""
    apps = []
    for item in _load(text, "SSO_OIDC_PROVIDERS"):
        _require(item, ("id", "name", "server_url", "client_id"), "SSO_OIDC_PROVIDERS")
        apps.append(
            {
                "provider_id": item["id"],
                "name": item["name"],
                "client_id": item["client_id"],
                "secret": item.get("secret", ""),
                "settings": {"server_url": item["server_url"], **item.get("settings", {})},
            }
        )
    return apps


def saml_apps(text: str) -> list[dict[str, Any]]:
    """allauth ``saml`` APPS from ``SSO_SAML_PROVIDERS``. The IdP is named by its
    metadata address, its metadata document, or allauth's explicit ``idp`` block."""
    apps = []
    for item in _load(text, "SSO_SAML_PROVIDERS"):
        _require(item, ("id", "name"), "SSO_SAML_PROVIDERS")
        idp = dict(item.get("idp", {}))
        if item.get("metadata_url"):
            idp["metadata_url"] = item["metadata_url"]
        if item.get("metadata_xml"):
            idp["metadata_xml"] = item["metadata_xml"]
        if item.get("entity_id"):
            idp["entity_id"] = item["entity_id"]
        if not idp:
            raise ImproperlyConfigured(
                f"SSO_SAML_PROVIDERS: provider {item['id']!r} needs metadata_url, "
                "metadata_xml or idp."
            )
        settings: dict[str, Any] = {"idp": idp}
        for key in ("attribute_mapping", "sp", "advanced"):
            if key in item:
                settings[key] = item[key]
        apps.append(
            {
                "provider_id": item["id"],
                "name": item["name"],
                "client_id": item.get("slug", item["id"]),
                "settings": settings,
            }
        )
    return apps
