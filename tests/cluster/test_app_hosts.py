"""Two application hosts behind one load balancer, for real: two uvicorn servers on
their own ports with production settings, sharing PostgreSQL (through PgBouncer under
``make test-cluster``), Redis behind Sentinel and Elasticsearch (``conftest.app_hosts``).
Whatever one host does, a visitor of the other must see: posts on its sockets, the
hits counted against a rate limit, a page taken down. Then Redis loses its master while
members post on one host and a page on the other follows the topic."""

from __future__ import annotations

import pytest

from casestudies.services import case_study_index_ensure
from forums.models import Post
from tests.casestudies.factories import CaseStudyPageFactory
from tests.forums.factories import CategoryFactory, TopicFactory

from .conftest import SEARCH_RATE

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("host_logs"),
]

SEARCH_LIMIT = int(SEARCH_RATE.split("/")[0])


@pytest.fixture
def topic(member):
    return TopicFactory(category=CategoryFactory(), author=member)


def test_a_post_made_on_one_host_reaches_sockets_held_by_the_other(
    app_hosts, follow, topic, member, other_member
):
    a, b = app_hosts
    follower = follow(b, topic.pk, b.session(other_member))

    post_id = a.reply(a.session(member), topic.pk, "Posted through host A.")

    assert follower.wait_for({post_id}, timeout=15) == set()
    assert follower.stats.live == 1
    assert follower.stats.connects == 1


def test_a_rate_limit_counts_the_hits_on_both_hosts(app_hosts, member):
    a, b = app_hosts
    on_a, on_b = a.session(member), b.session(member)
    statuses = [
        (a if n % 2 == 0 else b).get(on_a if n % 2 == 0 else on_b, "/search/?q=remittances")
        for n in range(SEARCH_LIMIT)
    ]
    assert [r.status_code for r in statuses] == [200] * SEARCH_LIMIT

    refused_on_a = a.get(on_a, "/search/?q=remittances")
    refused_on_b = b.get(on_b, "/search/?q=remittances")
    assert refused_on_a.status_code == 429
    assert refused_on_b.status_code == 429
    assert int(refused_on_b.headers["Retry-After"]) > 0


def test_a_page_taken_down_on_one_host_leaves_the_cache_of_both(app_hosts, staff):
    a, b = app_hosts
    case_study_index_ensure()
    page = CaseStudyPageFactory(title="Mobile wallets for remittances")
    visitor_a, visitor_b = a.session(), b.session()
    first = a.get(visitor_a, page.url)
    assert first.status_code == 200
    assert "Mobile wallets for remittances" in first.text
    cached = b.get(visitor_b, page.url)
    assert cached.status_code == 200
    assert cached.headers["X-Page-Cache"] == "hit"

    editor = a.session(staff)
    unpublish = f"/admin/pages/{page.pk}/unpublish/"
    taken_down = a.post(editor, unpublish, {}, form_page=unpublish)
    assert taken_down.status_code == 302, taken_down.text[:500]

    assert b.get(visitor_b, page.url).status_code == 404
    assert a.get(visitor_a, page.url).status_code == 404


def test_redis_losing_its_master_loses_no_acknowledged_post(
    app_hosts, failover, follow, topic, member, other_member
):
    """Members post on host A before, during and after the failover; a page on host B
    follows the topic. Every acknowledged post is stored and reaches the page (live,
    or on the resume that follows the layer's reconnection); the rate limit and the
    page cache carry on from what Redis held before."""
    a, b = app_hosts
    follower = follow(b, topic.pk, b.session(other_member))
    poster = a.session(member)
    searcher_a, searcher_b = a.session(other_member), b.session(other_member)
    case_study_index_ensure()
    page = CaseStudyPageFactory(title="Diaspora bonds")
    assert a.get(a.session(), page.url).status_code == 200

    acknowledged = [a.reply(poster, topic.pk, f"Before the failover {n}.") for n in range(2)]
    for n in range(SEARCH_LIMIT - 1):
        host, browser = (a, searcher_a) if n % 2 == 0 else (b, searcher_b)
        assert host.get(browser, "/search/?q=diaspora").status_code == 200
    failover.replicated()

    seconds = failover.fail_over()
    acknowledged += [a.reply(poster, topic.pk, f"During the failover {n}.") for n in range(3)]
    for host in app_hosts:
        host.wait_until(lambda report: report["cache"] == "ok", "cache back after failover")
    acknowledged += [a.reply(poster, topic.pk, f"After the failover {n}.") for n in range(2)]

    missing = follower.wait_for(set(acknowledged), timeout=30)
    assert missing == set(), f"never reached the page on host B (failover took {seconds:.1f}s)"
    stored = set(Post.objects.filter(pk__in=acknowledged).values_list("pk", flat=True))
    assert stored == set(acknowledged)
    assert follower.stats.resyncs >= 1, "the page was never told to resume"
    assert follower.stats.duplicates == 0

    # What Redis held before the failover is still there: the count of the limit...
    assert b.get(searcher_b, "/search/?q=diaspora").status_code == 200
    assert a.get(searcher_a, "/search/?q=diaspora").status_code == 429
    # ... and the cached page.
    assert b.get(b.session(), page.url).headers["X-Page-Cache"] == "hit"
