"""Anonymous pages served from the cache (``core.page_cache``): no SQL for a visitor's
second view, per language, never for members, never with a token or a cookie, and
stale at once when an editor publishes or a group goes private."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import cache

from casestudies.services import case_study_index_ensure
from community.models import Group
from community.services.groups import group_update
from tests.casestudies.factories import CaseStudyPageFactory
from tests.forums.factories import (
    CategoryFactory,
    GroupFactory,
    MembershipFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(db):
    return case_study_index_ensure()


@pytest.fixture
def case_study(index):
    return CaseStudyPageFactory(title="Mobile wallets for remittances", summary="First summary")


def test_a_visitors_second_view_of_a_page_runs_no_sql(
    client, case_study, django_assert_num_queries
):
    first = client.get(case_study.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(case_study.url)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_the_listing_is_cached_per_query_string(
    client, index, case_study, django_assert_num_queries
):
    client.get("/case-studies/?sort=title")
    with django_assert_num_queries(0):
        assert client.get("/case-studies/?sort=title")["X-Page-Cache"] == "hit"
    assert client.get("/case-studies/")["X-Page-Cache"] == "miss"


def test_a_cached_page_carries_no_csrf_token_and_sets_no_cookie(client, case_study):
    client.get(case_study.url)
    response = client.get(case_study.url)
    assert response["X-Page-Cache"] == "hit"
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_each_language_has_its_own_cached_page(client, index):
    client.get("/case-studies/")
    client.get("/fr/case-studies/")
    english = client.get("/case-studies/")
    french = client.get("/fr/case-studies/")
    assert english["X-Page-Cache"] == french["X-Page-Cache"] == "hit"
    assert english["Content-Language"] == "en"
    assert french["Content-Language"] == "fr"
    assert '<html lang="fr">' in french.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_a_visitor_whose_browser_asks_for_french_is_still_redirected(client, index):
    client.get("/case-studies/")
    response = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/case-studies/"


def test_signed_in_members_are_never_served_or_stored(client, member, case_study):
    client.get(case_study.url)  # a visitor's view fills the cache
    client.force_login(member)
    response = client.get(case_study.url)
    assert "X-Page-Cache" not in response
    assert member.display_name in response.content.decode()
    again = client.get(case_study.url)
    assert "X-Page-Cache" not in again


def test_publishing_a_change_makes_the_cached_page_stale(
    client, case_study, django_capture_on_commit_callbacks
):
    client.get(case_study.url)
    assert client.get(case_study.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        case_study.summary = "A summary the editor just published"
        case_study.save_revision().publish()

    response = client.get(case_study.url)
    assert response["X-Page-Cache"] == "miss"
    assert "A summary the editor just published" in response.content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(
    client, case_study, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    client.get(case_study.url)
    assert client.get(case_study.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=case_study, restriction_type=PageViewRestriction.LOGIN
        )

    response = client.get(case_study.url)
    assert response.get("X-Page-Cache") != "hit"
    assert "Mobile wallets for remittances" not in response.content.decode()


def test_a_group_made_private_disappears_from_cached_pages(
    client, member, django_capture_on_commit_callbacks
):
    group = GroupFactory(name="Alumni 2024", slug="alumni-2024")
    MembershipFactory(group=group, user=member, role="owner")
    category = CategoryFactory(group=group)
    TopicFactory(category=category, title="Our cohort's next steps")
    url = category.get_absolute_url()
    client.get(url)
    cached = client.get(url)
    assert cached.status_code == 200
    assert cached["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        group_update(group=group, actor=member, privacy=Group.Privacy.PRIVATE)

    response = client.get(url)
    assert "Our cohort's next steps" not in response.content.decode()
    assert response.get("X-Page-Cache") != "hit"


def test_pages_with_live_activity_expire_sooner(client, index, settings, monkeypatch):
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.PAGE_CACHE_LIVE_TIMEOUT = 7
    timeouts = []
    original = cache.set

    def remember(key, value, timeout=None, **kwargs):
        if key.startswith("pagecache:page:"):
            timeouts.append(timeout)
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", remember)
    client.get("/fr/forums/")
    client.get("/case-studies/")
    assert timeouts == [7, 600]


def test_public_pages_are_compressed_for_visitors(client, case_study):
    response = client.get(case_study.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"Mobile wallets for remittances" in gzip.decompress(response.content)


def test_pages_with_a_csrf_token_are_not_compressed(client, member, case_study):
    client.force_login(member)
    response = client.get(case_study.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"csrfmiddlewaretoken" in response.content
