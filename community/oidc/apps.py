from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OIDCConfig(AppConfig):
    """allauth's OpenID Connect provider, registered under its own id
    (``openid_connect``) so that ``SocialApp`` rows and callback URLs stay allauth's."""

    name = "community.oidc"
    label = "community_oidc"
    verbose_name = _("OpenID Connect sign-in")
