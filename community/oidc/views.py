from __future__ import annotations

import logging

import requests
from allauth.account.internal.decorators import login_not_required
from allauth.core.internal.deferred import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from django.conf import settings
from django.http import Http404, HttpRequest

logger = logging.getLogger(__name__)

#: Where the raw ID token of the last OpenID Connect sign-in is kept for the length of
#: the session: RP-initiated logout sends it back as ``id_token_hint``.
ID_TOKEN_ATTRIBUTE = "_commons_id_token"  # noqa: S105 - an attribute name


class IDTokenError(OAuth2Error):
    """The ID token was refused; ``reason`` says why in words the error page uses
    (``signature``, ``nonce``, ``clock``, ``claims``)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class OpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    expected_nonce: str | None = None

    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise IDTokenError("The token response has no ID token.", reason="claims")
        claims = self._verify_id_token(app, id_token)
        data = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True):
            data["userinfo"] = self._fetch_user_info(token.token)
        login = self.get_provider().sociallogin_from_response(request, data)
        setattr(login, ID_TOKEN_ATTRIBUTE, id_token)
        return login

    def _verify_id_token(self, app: SocialApp, id_token: str) -> dict:
        config = self.openid_config
        try:
            algorithm, key = jwtkit.fetch_key(id_token, config["jwks_uri"], jwtkit.lookup_kid_jwk)
            claims = jwt.decode(
                id_token,
                key=key,
                algorithms=[algorithm],
                issuer=config["issuer"],
                audience=app.client_id,
                leeway=settings.SSO_CLOCK_SKEW_LEEWAY,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError) as exc:
            raise IDTokenError(f"ID token outside its validity: {exc}", reason="clock") from exc
        except jwt.InvalidSignatureError as exc:
            raise IDTokenError("ID token signature is invalid.", reason="signature") from exc
        except (jwt.PyJWTError, KeyError) as exc:
            raise IDTokenError(f"ID token refused: {exc}", reason="claims") from exc
        if not self.expected_nonce or claims.get("nonce") != self.expected_nonce:
            raise IDTokenError("ID token nonce does not match the request.", reason="nonce")
        jwtkit.verify_jti(claims)
        return claims


class OpenIDConnectCallbackView(OAuth2CallbackView):
    def _get_state(self, request: HttpRequest, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@login_not_required
def login(request: HttpRequest, provider_id: str):
    try:
        view = OAuth2LoginView.adapter_view(OpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except requests.RequestException as exc:
        from community.adapters import sso_problem_page
        from community.selectors import sso as sso_selectors

        logger.warning("provider %s unreachable: %s", provider_id, type(exc).__name__)
        name = sso_selectors.provider_display_name(provider_id=provider_id, default=provider_id)
        return sso_problem_page(request, problem="provider_down", provider_name=name, status=502)


@login_not_required
def callback(request: HttpRequest, provider_id: str):
    try:
        view = OpenIDConnectCallbackView.adapter_view(OpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
