"""Identity providers from the environment (config/sso.py): JSON lists that become
allauth apps, and clear start-up errors for what cannot work."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import sso


def test_each_openid_connect_provider_becomes_an_app_with_its_own_id():
    apps = sso.oidc_apps(
        json.dumps(
            [
                {"id": "a", "name": "A", "server_url": "https://a.example", "client_id": "x"},
                {
                    "id": "b",
                    "name": "B",
                    "server_url": "https://b.example",
                    "client_id": "y",
                    "secret": "z",
                    "settings": {"scope": ["openid", "email"]},
                },
            ]
        )
    )
    assert [app["provider_id"] for app in apps] == ["a", "b"]
    assert apps[1]["secret"] == "z"
    assert apps[1]["settings"] == {"server_url": "https://b.example", "scope": ["openid", "email"]}


def test_a_saml_provider_is_named_by_its_metadata_address():
    (app,) = sso.saml_apps(
        json.dumps([{"id": "un", "name": "UN", "metadata_url": "https://idp.example/md"}])
    )
    assert app["client_id"] == "un"
    assert app["settings"]["idp"] == {"metadata_url": "https://idp.example/md"}


def test_no_variable_means_no_providers():
    assert sso.oidc_apps("") == []
    assert sso.saml_apps("  ") == []


@pytest.mark.parametrize(
    ("function", "text", "message"),
    [
        (sso.oidc_apps, "{not json", "not valid JSON"),
        (sso.oidc_apps, '{"id": "a"}', "JSON list of objects"),
        (sso.oidc_apps, '[{"id": "a", "name": "A"}]', "lacks server_url, client_id"),
        (sso.saml_apps, '[{"id": "a", "name": "A"}]', "needs metadata_url, metadata_xml or idp"),
    ],
)
def test_a_provider_that_cannot_work_stops_start_up_with_a_clear_message(function, text, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        function(text)


def test_the_error_never_repeats_the_secret():
    with pytest.raises(ImproperlyConfigured) as raised:
        sso.oidc_apps('[{"id": "a", "name": "A", "secret": "s3cr3t-value"}]')
    assert "s3cr3t-value" not in str(raised.value)
