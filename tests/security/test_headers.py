"""The production settings, loaded for real in a fresh interpreter (settings cannot be
swapped inside a running test process), answer with the security headers a browser
needs: HSTS, a script policy without 'unsafe-inline', no framing, a referrer policy,
no MIME sniffing, and secure cookies."""

import json
import os
import subprocess
import sys

import pytest

from tests.core.test_settings import PRODUCTION_ENV, ROOT

# Requests the home page over HTTPS (as the proxy in front says) and a plain-HTTP one,
# and prints what came back.
_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
secure = client.get("/healthz", secure=True, headers={"host": "commons.example.org"})
plain = client.get("/search/", headers={"host": "commons.example.org"})
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
}))
"""


@pytest.fixture(scope="module")
def production_response() -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _csp(response: dict) -> dict[str, str]:
    policy = response["headers"]["Content-Security-Policy"]
    directives = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_production_answers_over_https_with_hsts_for_a_year_including_subdomains(
    production_response,
):
    hsts = production_response["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_production_redirects_plain_http_to_https(production_response):
    assert production_response["plain_status"] == 301
    assert production_response["plain_location"].startswith("https://commons.example.org/")


def test_production_script_policy_allows_only_this_site_and_no_inline_script(
    production_response,
):
    csp = _csp(production_response)
    assert csp["script-src"] == "'self'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"


def test_production_pages_cannot_be_framed(production_response):
    assert _csp(production_response)["frame-ancestors"] == "'none'"
    assert production_response["headers"]["X-Frame-Options"] == "DENY"


def test_production_sends_referrer_policy_and_no_sniffing(production_response):
    headers = production_response["headers"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
