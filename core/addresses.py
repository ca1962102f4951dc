"""The site's one public address.

``SITE_URL`` is the only setting that says where the site lives. Every absolute link
a person receives away from the page they are on (emails, digests, feeds, the sitemap,
credential ids) is built from it, directly through :func:`absolute_url` or through the
two ``Site`` rows that Django and Wagtail read, which :func:`sites_sync` keeps in step
with it after every ``migrate`` (allauth names the site and builds its links from
Django's ``Site``; Wagtail's ``get_full_url`` from its own ``Site``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class SiteAddress:
    scheme: str
    hostname: str
    port: int

    @property
    def netloc(self) -> str:
        if self.port == _DEFAULT_PORTS.get(self.scheme):
            return self.hostname
        return f"{self.hostname}:{self.port}"


def site_address() -> SiteAddress:
    """``SITE_URL`` taken apart (``https://commons.example.org`` → https, host, 443)."""
    parts = urlsplit(settings.SITE_URL)
    scheme = (parts.scheme or "http").lower()
    return SiteAddress(
        scheme=scheme,
        hostname=(parts.hostname or "localhost").lower(),
        port=parts.port or _DEFAULT_PORTS.get(scheme, 80),
    )


def site_url() -> str:
    """The public base URL without a trailing slash."""
    address = site_address()
    return f"{address.scheme}://{address.netloc}"


def absolute_url(path: str) -> str:
    """``path`` (``/case-studies/x/``) on the site's public address."""
    if path and not path.startswith("/"):
        path = "/" + path
    return site_url() + path


def on_site(url: str) -> str:
    """``url`` moved onto the public address, keeping its path, query and fragment: for
    links a library builds from whatever host a request came in on."""
    parts = urlsplit(url)
    address = site_address()
    return urlunsplit((address.scheme, address.netloc, parts.path, parts.query, parts.fragment))


def sites_sync(**kwargs) -> None:
    """Point Django's and Wagtail's default ``Site`` at ``SITE_URL``; idempotent, safe to
    run after every ``migrate`` (connected to ``post_migrate`` in ``core.apps``).

    Wagtail spells a site as hostname and port and derives the scheme from the port
    (443 is https, anything else http), so ``SITE_URL`` should use a default port or
    plain http.
    """
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site as WagtailSite

    address = site_address()
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": address.netloc, "name": settings.WAGTAIL_SITE_NAME},
    )
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        return
    changed = {
        field: value
        for field, value in {
            "hostname": address.hostname,
            "port": address.port,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }.items()
        if getattr(site, field) != value
    }
    if changed:
        for field, value in changed.items():
            setattr(site, field, value)
        site.save(update_fields=list(changed))


def page_absolute_url(page, request=None) -> str:
    """A Wagtail page's public URL (its path, with the language prefix, on ``SITE_URL``),
    whichever host the request that asks came in on."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])
