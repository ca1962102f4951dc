"""CSRF: every routed view, POSTed to without a token by a signed-in superuser (who may
do anything, so nothing but the missing token can stop the request), is refused with
403 — or does not take POST at all (405). The walker knows every route, so a new view
that changes state cannot ship without CSRF protection unless it is listed below with
the reason it needs none."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.quality.factories import build_world
from tests.security.walker import CASES

# case -> why a POST without a CSRF token is accepted there.
EXEMPT: dict[str, str] = {
    # RFC 8058 one-click unsubscribe: mail providers POST without a session; the signed
    # token in the URL is the authority, and the only effect is fewer emails.
    "digest_unsubscribe": "one-click unsubscribe (RFC 8058)",
    "digest_unsubscribe_forged": "one-click unsubscribe (RFC 8058), with a forged token",
    # Verifying a certificate changes nothing; machines POST the JSON credential.
    "verify": "read-only verification endpoint",
    "verify_post": "read-only verification endpoint",
    # SAML HTTP-POST binding: the identity provider's page posts the signed response
    # cross-site; its signature, audience and InResponseTo are the authority (allauth
    # marks these views csrf_exempt, as python3-saml requires).
    "saml_acs": "SAML assertion consumer service (HTTP-POST binding)",
    "saml_sls": "SAML single logout service, messages signed by the IdP",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), transaction.atomic(), media:
        yield build_world()
        transaction.set_rollback(True)


def _post_without_token(world, case: str):
    _name, build, _method = CASES[case]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("staff"), backend=settings.AUTHENTICATION_BACKENDS[0])
    return client.post(build(world), {"body": "Changed without asking.", "reason": "x"})


def test_exemptions_name_real_cases():
    assert set(EXEMPT) <= set(CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(set(CASES) - set(EXEMPT)))
def test_post_without_csrf_token_is_refused(world, case):
    response = _post_without_token(world, case)
    assert response.status_code in (403, 405), response.status_code
    if response.status_code == 403 and not response.headers["Content-Type"].startswith(
        "application/json"
    ):
        assert "CSRF" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(EXEMPT))
def test_documented_csrf_exemptions_take_a_post_without_token(world, case):
    response = _post_without_token(world, case)
    assert response.status_code not in (403, 500)
