"""OpenID Connect, as allauth implements it, with the two checks it leaves out.

allauth's provider skips the ID token's signature when the token came straight from the
token endpoint (allowed by OpenID Connect Core §3.1.3.7 over TLS) and sends no ``nonce``.
Partner organisations' providers are reached over networks we do not control, so here
every ID token is verified against the provider's published keys, and must carry the
``nonce`` sent with the authorisation request (Core §3.1.2.1, §3.1.3.7 step 11).
PKCE is on for every provider (``OAUTH_PKCE_ENABLED``).
"""

from __future__ import annotations

import secrets

from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider as AllauthOpenIDConnectProvider,
)

from .views import OpenIDConnectAdapter


class OpenIDConnectProvider(AllauthOpenIDConnectProvider):
    oauth2_adapter_class = OpenIDConnectAdapter
    pkce_enabled_default = True

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )


provider_classes = [OpenIDConnectProvider]
