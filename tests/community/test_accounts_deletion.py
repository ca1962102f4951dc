"""Deleting an account, as the member does it (``POST /profile/delete/``), and what every
other surface shows afterwards: pages, search on both backends, comments, digests."""

import json

import pytest
from django.core import mail

from community import services
from community.models import Notification
from forums.models import Post, Topic
from outcomes.models import Certificate, FollowUpResponse, Need, NeedEndorsement
from search.indexing import sync
from tests.community.accounts_world import build_world
from tests.community.factories import PASSWORD
from tests.search.conftest import db_backend, es, session_prefix  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = build_world()
    return built


def _index_topics(world):
    ids = [world.public_topic.pk, world.shared_topic.pk, world.solo_topic.pk]
    sync("topic", ids)


def _delete(client, world, django_capture_on_commit_callbacks, *, with_content: bool):
    client.force_login(world.member)
    data = {"password": PASSWORD}
    if with_content:
        data["delete_content"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profile/delete/", data)
    assert response.status_code == 302
    client.logout()


def _search_titles(client, query: str) -> list[str]:
    return [r["title"] for r in client.get(f"/api/v1/search/?q={query}").json()["results"]]


@pytest.mark.parametrize("backend", ["db_backend", "es"])
@pytest.mark.search
def test_deleting_with_content_removes_the_members_words_from_search(
    client, world, backend, request, django_capture_on_commit_callbacks
):
    request.getfixturevalue(backend)
    _index_topics(world)
    assert _search_titles(client, "zanzibar") == ["Pre-departure orientation in Manila"]
    assert _search_titles(client, "quetzal") == ["Recognising skills of returning nurses"]
    assert _search_titles(client, "kumquat") == ["Mateo solitary kumquat question"]
    assert "Pre-departure orientation" in client.get("/search/?q=zanzibar").content.decode()

    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)

    assert _search_titles(client, "zanzibar") == []
    assert _search_titles(client, "quetzal") == []
    assert _search_titles(client, "kumquat") == []
    assert "Pre-departure orientation" not in client.get("/search/?q=zanzibar").content.decode()
    # Other people's words stay findable.
    assert _search_titles(client, "nursing council") == ["Recognising skills of returning nurses"]


def test_deleting_with_content_removes_posts_and_topics_from_the_pages(
    client, world, django_capture_on_commit_callbacks
):
    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)

    page = client.get(world.public_topic.get_absolute_url()).content.decode()
    assert "zanzibar" not in page
    assert "Peer opening: how long should orientation last?" in page

    shared = client.get(world.shared_topic.get_absolute_url())
    assert shared.status_code == 200
    body = shared.content.decode()
    assert "quetzal" not in body
    assert "Peer answer: the nursing council recognises them." in body
    assert "left and deleted what they wrote" in body
    assert "Mateo Member" not in body
    assert Topic.objects.get(pk=world.shared_topic.pk).author is None

    assert client.get(world.solo_topic.get_absolute_url()).status_code == 404
    assert not Post.objects.filter(author=world.member).exists()
    topic = Topic.objects.get(pk=world.public_topic.pk)
    assert topic.reply_count == 0
    assert topic.last_post.body.startswith("Peer opening")


def test_deleting_with_content_removes_the_case_study_comment(
    client, world, django_capture_on_commit_callbacks
):
    before = client.get(world.page.url).content.decode()
    assert "pangolin" in before
    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)

    body = client.get(world.page.url).content.decode()
    assert "pangolin" not in body
    assert "Mateo Member" not in body
    assert "This comment was removed." in body  # a placeholder, since the peer replied
    assert "Peer comment in reply." in body


def test_deleting_with_content_keeps_the_member_out_of_other_peoples_digests(
    client, world, django_capture_on_commit_callbacks
):
    assert Notification.objects.filter(recipient=world.peer, actor=world.member).exists()
    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)

    mail.outbox.clear()
    services.digests_send(frequency="daily")
    digest = "\n".join(m.body for m in mail.outbox if m.to == [world.peer.email])
    assert "Mateo Member" not in digest
    assert world.reply.get_absolute_url() not in digest
    client.force_login(world.peer)
    assert "Mateo Member" not in client.get("/notifications/").content.decode()


def test_deleting_with_content_deletes_needs_reactions_and_answers_and_revokes_certificates(
    client, world, django_capture_on_commit_callbacks
):
    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)

    assert not Need.objects.filter(pk=world.need.pk).exists()
    assert client.get(f"/needs/{world.need.pk}/").status_code == 404
    assert not NeedEndorsement.objects.filter(user=world.member).exists()
    assert not FollowUpResponse.objects.filter(respondent=world.member).exists()
    assert not world.member.forum_reactions.exists()
    certificate = Certificate.objects.get(pk=world.certificate.pk)
    assert certificate.is_revoked
    assert "deleted their account" in certificate.revocation_reason
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "deleted their account" in page


def test_deleting_with_content_leaves_nothing_in_an_export_of_someone_else(
    client, world, django_capture_on_commit_callbacks
):
    _delete(client, world, django_capture_on_commit_callbacks, with_content=True)
    client.force_login(world.peer)
    export = client.get("/profile/data/export.json").content.decode()
    assert "Mateo Member" not in export
    assert "zanzibar" not in export
    assert json.loads(export)["forum_topics"]  # the peer's own topics are still theirs


def test_deleting_without_content_shows_authorship_anonymised(
    client, world, django_capture_on_commit_callbacks
):
    _delete(client, world, django_capture_on_commit_callbacks, with_content=False)

    topic_page = client.get(world.public_topic.get_absolute_url()).content.decode()
    assert "zanzibar cloves" in topic_page
    assert "Former member" in topic_page
    assert "Mateo Member" not in topic_page

    client.force_login(world.peer)  # a signed-in reader also gets "Reply to <name>" links
    case_page = client.get(world.page.url).content.decode()
    assert "pangolin" in case_page
    assert "Former member" in case_page
    assert "Mateo Member" not in case_page
    assert world.member.email not in case_page
    assert 'Reply<span class="visually-hidden"> to Former member</span>' in case_page

    assert Certificate.objects.get(pk=world.certificate.pk).is_revoked
    assert Need.objects.filter(pk=world.need.pk).exists()
