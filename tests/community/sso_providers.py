"""Real identity providers for the single sign-on tests, started on loopback and stopped
afterwards: the npm package ``oidc-provider`` (a certified OpenID Provider, pinned in
tests/e2e/package-lock.json) and a pysaml2 SAML 2.0 IdP (``saml_idp.py``). Nothing here
mocks a provider endpoint; the helpers only play the person's browser between the site
(the Django test client) and the provider (``requests``)."""

from __future__ import annotations

import datetime
import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
OIDC_SCRIPT = ROOT / "tests" / "e2e" / "oidc_provider.mjs"
SAML_SCRIPT = ROOT / "tests" / "community" / "saml_idp.py"
CLIENT_SECRET = "oidc-test-secret-5c1f0e"  # the secret the tests look for in page sources


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str, what: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"{what} did not start: {output}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class OIDCProvider:
    url: str
    client_id: str
    secret: str
    process: subprocess.Popen = field(repr=False)

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


@dataclass
class SAMLIdP:
    url: str
    cert_pem: str
    process: subprocess.Popen = field(repr=False)

    @property
    def entity_id(self) -> str:
        return f"{self.url}/metadata"

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/metadata"

    @property
    def sso_url(self) -> str:
        return f"{self.url}/sso"


@pytest.fixture
def start_oidc_provider():
    """``start_oidc_provider(redirect_uris=[...], clock_skew_seconds=0)`` runs
    oidc-provider with one confidential client and waits for its discovery document."""
    started: list[subprocess.Popen] = []

    def start(
        *,
        redirect_uris: list[str],
        post_logout_redirect_uris: list[str] | None = None,
        clock_skew_seconds: int = 0,
        client_id: str = "practice-commons",
    ) -> OIDCProvider:
        if not (OIDC_SCRIPT.parent / "node_modules" / "oidc-provider").exists():
            pytest.fail("oidc-provider is not installed: run `npm ci --prefix tests/e2e`.")
        port = free_port()
        config = {
            "port": port,
            "clock_skew_seconds": clock_skew_seconds,
            "clients": [
                {
                    "client_id": client_id,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": redirect_uris,
                    "post_logout_redirect_uris": post_logout_redirect_uris or [],
                }
            ],
        }
        process = subprocess.Popen(  # noqa: S603
            ["node", str(OIDC_SCRIPT)],  # noqa: S607 - node from PATH, as npm is
            cwd=OIDC_SCRIPT.parent,
            env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        provider = OIDCProvider(
            url=f"http://127.0.0.1:{port}",
            client_id=client_id,
            secret=CLIENT_SECRET,
            process=process,
        )
        _wait_until_up(process, provider.discovery_url, "oidc-provider")
        return provider

    yield start
    for process in started:
        _stop(process)


def self_signed_certificate() -> tuple[rsa.RSAPrivateKey, str]:
    """A fresh RSA key and its self-signed certificate (PEM), valid for a month."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.PEM).decode()


def _key_and_certificate(directory: Path) -> tuple[Path, Path, str]:
    key, pem = self_signed_certificate()
    key_file, cert_file = directory / "idp.key", directory / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_text(pem)
    return key_file, cert_file, pem


@pytest.fixture
def start_saml_idp(tmp_path):
    """``start_saml_idp(service_providers=[{"entity_id", "acs"}])`` runs the pysaml2 IdP
    with a fresh signing key and waits for its metadata."""
    started: list[subprocess.Popen] = []

    def start(*, service_providers: list[dict[str, str]], clock_skew_seconds: int = 0) -> SAMLIdP:
        directory = tmp_path / f"idp-{len(started)}"  # xmlsec1 reads the key at each signing
        directory.mkdir()
        key_file, cert_file, pem = _key_and_certificate(directory)
        port = free_port()
        config = {
            "port": port,
            "key_file": str(key_file),
            "cert_file": str(cert_file),
            "service_providers": service_providers,
            "clock_skew_seconds": clock_skew_seconds,
        }
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(SAML_SCRIPT)],
            cwd=ROOT,
            env={**os.environ, "SAML_IDP_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        idp = SAMLIdP(url=f"http://127.0.0.1:{port}", cert_pem=pem, process=process)
        _wait_until_up(process, idp.metadata_url, "the pysaml2 IdP")
        return idp

    yield start
    for process in started:
        _stop(process)


# --- the person's browser between the site and the provider -----------------------

_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)
_INPUT = re.compile(r"<input[^>]*>")
_NAME = re.compile(r'name="([^"]*)"')
_VALUE = re.compile(r'value="([^"]*)"')


def _form(html: str) -> tuple[str, dict[str, str]]:
    match = _FORM.search(html)
    assert match, html[:500]
    fields = {}
    for tag in _INPUT.findall(match.group(2)):
        name, value = _NAME.search(tag), _VALUE.search(tag)
        if name:
            fields[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    return unescape(match.group(1)), fields


def provider_authorise(
    authorize_url: str, *, login: str, site: str = "http://testserver", consent: bool = True
) -> str:
    """Sign in at the OpenID Provider as ``login`` (its development form takes any
    login), give or refuse consent, and return the URL it sends the browser back to."""
    session = requests.Session()
    url, method, data = authorize_url, "GET", None
    for _ in range(12):
        response = session.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if url.startswith(site):
                return url
            method, data = "GET", None
            continue
        assert response.status_code == 200, response.text[:500]
        action, fields = _form(response.text)
        if fields.get("prompt") == "login":
            fields.update(login=login, password="any password")  # noqa: S105
        elif fields.get("prompt") == "consent" and not consent:
            url, method, data = urljoin(url, f"{urlparse(url).path}/abort"), "GET", None
            continue
        url, method, data = urljoin(url, action), "POST", fields
    raise AssertionError("the provider never sent the browser back")


def site_path(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}" if parsed.query else parsed.path


def with_param(url: str, **params: str) -> str:
    parsed = urlparse(url)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    query.update(params)
    return parsed._replace(query=urlencode(query)).geturl()


def saml_idp_answer(redirect_url: str, **params: str) -> tuple[str, dict[str, str]]:
    """Follow the site's AuthnRequest redirect to the IdP (``user=...``, optionally
    ``audience=...``) and return the ACS address and the form the browser would post."""
    response = requests.get(with_param(redirect_url, **params), timeout=10)
    assert response.status_code == 200, response.text[:500]
    return _form(response.text)
