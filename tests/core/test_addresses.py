"""One public address (SITE_URL) drives both Site rows and every absolute link."""

from __future__ import annotations

import pytest
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Site as WagtailSite

from core.addresses import absolute_url, on_site, sites_sync

pytestmark = pytest.mark.django_db


def test_migrate_points_both_sites_at_the_test_address():
    assert DjangoSite.objects.get_current().domain == "testserver"
    assert WagtailSite.objects.get(is_default_site=True).root_url == "http://testserver"


def test_sync_follows_the_setting_and_is_idempotent(public_site):
    sites_sync()
    django_site = DjangoSite.objects.get_current()
    assert (django_site.domain, django_site.name) == ("commons.example.org", "Practice Commons")
    wagtail_site = WagtailSite.objects.get(is_default_site=True)
    assert (wagtail_site.hostname, wagtail_site.port) == ("commons.example.org", 443)
    assert wagtail_site.root_url == public_site
    assert DjangoSite.objects.count() == 1
    assert WagtailSite.objects.count() == 1


def test_a_non_default_port_is_kept(settings):
    settings.SITE_URL = "http://127.0.0.1:8000/"
    sites_sync()
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8000"
    assert WagtailSite.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    assert absolute_url("/x/") == "http://127.0.0.1:8000/x/"
    assert on_site("http://localhost/a/?b=1#c") == "http://127.0.0.1:8000/a/?b=1#c"
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()
