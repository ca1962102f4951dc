from tests.community.sso_providers import start_oidc_provider, start_saml_idp  # noqa: F401
