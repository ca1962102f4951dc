"""A SAML 2.0 identity provider for the single sign-on tests: pysaml2's ``Server`` behind
a few lines of WSGI, on loopback. Started and stopped by ``sso_providers.py``; it signs
responses and assertions with the xmlsec1 binary.

Configured by ``SAML_IDP_CONFIG`` (JSON): ``port``, ``key_file``, ``cert_file``,
``service_providers`` (``[{"entity_id", "acs"}]``) and ``clock_skew_seconds``.

``GET /sso`` takes the HTTP-Redirect AuthnRequest. With ``user=<email>`` in the query it
answers at once (the tests that drive it without a browser), otherwise it shows a
sign-in form. ``audience=<entity id>`` makes it address the assertion to another service
provider. The answer is the usual self-posting form to the service provider's ACS.
Logins starting with ``noemail`` get no mail attribute.
"""

from __future__ import annotations

import base64
import datetime
import html
import json
import os
import shutil
import sys
import tempfile
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

CONFIG = json.loads(os.environ["SAML_IDP_CONFIG"])
BASE = f"http://127.0.0.1:{CONFIG['port']}"


def _sp_metadata() -> str:
    entities = "".join(
        f"""<md:EntityDescriptor entityID="{html.escape(sp["entity_id"])}">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"
      AuthnRequestsSigned="false" WantAssertionsSigned="true">
    <md:NameIDFormat>{NAMEID_FORMAT_PERSISTENT}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="{BINDING_HTTP_POST}"
        Location="{html.escape(sp["acs"])}" index="1"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>"""
        for sp in CONFIG["service_providers"]
    )
    return (
        '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">'
        f"{entities}</md:EntitiesDescriptor>"
    )


def _server() -> Server:
    metadata = tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False)  # noqa: SIM115
    metadata.write(_sp_metadata())
    metadata.close()
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{BASE}/metadata",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{BASE}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "attribute_restrictions": None,
                            "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
                        }
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": False,
                }
            },
            "key_file": CONFIG["key_file"],
            "cert_file": CONFIG["cert_file"],
            "xmlsec_binary": shutil.which("xmlsec1"),
            "metadata": {"local": [metadata.name]},
        }
    )
    return Server(config=config)


IDP = _server()


def _page(body: str, status: str = "200 OK", content_type: str = "text/html; charset=utf-8"):
    return status, [("Content-Type", content_type)], body.encode()


def _answer(query: dict[str, str], user: str):
    request = IDP.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
    message = request.message
    sp_entity_id = message.issuer.text
    acs = message.assertion_consumer_service_url
    identity = {"uid": [user], "email_verified": ["true"], "givenName": [user.split("@")[0]]}
    if not user.startswith("noemail"):
        identity["mail"] = [user]
    response = IDP.create_authn_response(
        identity,
        in_response_to=message.id,
        destination=acs,
        sp_entity_id=query.get("audience") or sp_entity_id,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=user),
        authn={
            "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password",
            "authn_auth": BASE,
        },
        sign_response=True,
        sign_assertion=True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    encoded = base64.b64encode(str(response).encode()).decode()
    relay = html.escape(query.get("RelayState", ""))
    return _page(
        f"""<!DOCTYPE html><html><head><title>Signing you in</title></head><body>
<form method="post" action="{html.escape(acs)}" id="saml-post">
<input type="hidden" name="SAMLResponse" value="{encoded}">
<input type="hidden" name="RelayState" value="{relay}">
<button type="submit">Continue</button></form>
<script>document.getElementById("saml-post").submit();</script></body></html>"""
    )


def _login_form(query: dict[str, str]):
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in query.items()
    )
    return _page(
        f"""<!DOCTYPE html><html><head><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1><form method="post" action="/sso">{hidden}
<label>Email <input name="user" type="email" required></label>
<button type="submit">Sign in</button></form></body></html>"""
    )


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    if environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode()
        query.update({k: v[0] for k, v in parse_qs(body).items()})
    try:
        if path == "/metadata":
            result = _page(
                create_metadata_string(None, IDP.config, sign=False).decode(),
                content_type="application/samlmetadata+xml",
            )
        elif path == "/sso" and "SAMLRequest" in query:
            result = _answer(query, query["user"]) if query.get("user") else _login_form(query)
        else:
            result = _page("not found", "404 Not Found", "text/plain")
    except Exception as exc:  # noqa: BLE001 - a test server reports, it does not crash
        print(f"saml idp error: {exc!r}", file=sys.stderr, flush=True)
        result = _page(f"error: {html.escape(repr(exc))}", "400 Bad Request", "text/plain")
    status, headers, body = result
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


if __name__ == "__main__":
    if CONFIG.get("clock_skew_seconds"):
        import time_machine

        time_machine.travel(
            datetime.datetime.now(datetime.UTC)
            + datetime.timedelta(seconds=CONFIG["clock_skew_seconds"]),
            tick=True,
        ).start()
    server = make_server("127.0.0.1", CONFIG["port"], app, handler_class=QuietHandler)
    print(f"saml idp listening on {BASE}", flush=True)
    server.serve_forever()
