import pytest

pytestmark = pytest.mark.django_db


def test_site_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_site_pages_have_no_inline_scripts(client):
    html = client.get("/").content.decode()
    assert "<script>" not in html
    assert " onclick=" not in html


def test_admin_gets_its_own_policy(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
