"""The visibility matrix: every kind of viewer × every privacy × every surface.

One rule (``community.selectors``) decides; these tests check that each surface asks
it. Invited and requested people are still outsiders until they join.
"""

import re

import pytest
from django.core import mail

from community import services
from community.models import Group, Invitation, JoinRequest, Membership, Notification, Profile
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory
from tests.forums.factories import CategoryFactory, TopicFactory
from tests.search.conftest import db_backend, es, session_prefix  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

VIEWERS = [
    "anonymous",
    "non_member",
    "invited",
    "requested",
    "member",
    "moderator",
    "owner",
    "staff",
]
PRIVACIES = [Group.Privacy.PUBLIC, Group.Privacy.PRIVATE, Group.Privacy.SECRET]
INSIDERS = {"member", "moderator", "owner", "staff"}


def _may_know(viewer: str, privacy: str) -> bool:
    return privacy != Group.Privacy.SECRET or viewer in INSIDERS


def _may_see_content(viewer: str, privacy: str) -> bool:
    return privacy == Group.Privacy.PUBLIC or viewer in INSIDERS


@pytest.fixture
def world(request):
    """A group of the given privacy with an owner, a moderator and a member, and a
    viewer in the given relation to it."""
    viewer_kind, privacy = request.param
    group = GroupFactory(name="Sanremo law alumni", slug="sanremo", privacy=privacy)
    owner = UserFactory(profile__display_name="Olivia Owner")
    MembershipFactory(group=group, user=owner, role=Membership.Role.OWNER)
    MembershipFactory(
        group=group, user=UserFactory(profile__display_name="Moses Mod"), role="moderator"
    )
    MembershipFactory(group=group, user=UserFactory(profile__display_name="Pia Peer"))
    viewer = None
    if viewer_kind == "owner":
        viewer = owner
    elif viewer_kind != "anonymous":
        viewer = UserFactory(
            is_staff=viewer_kind == "staff",
            is_superuser=viewer_kind == "staff",
            profile__display_name="Vera Viewer",
            profile__digest_frequency=Profile.DigestFrequency.DAILY,
        )
        if viewer_kind in ("member", "moderator"):
            MembershipFactory(group=group, user=viewer, role=viewer_kind)
        elif viewer_kind == "invited":
            Invitation.objects.create(group=group, email=viewer.email, invited_by=owner)
        elif viewer_kind == "requested":
            JoinRequest.objects.create(group=group, user=viewer)
    if viewer is not None:
        Profile.objects.filter(user=viewer).update(digest_frequency=Profile.DigestFrequency.DAILY)
    return {"kind": viewer_kind, "privacy": privacy, "group": group, "viewer": viewer}


def _client(client, world):
    if world["viewer"] is not None:
        client.force_login(world["viewer"])
    return client


MATRIX = [(v, p) for p in PRIVACIES for v in VIEWERS]
IDS = [f"{v}-{p}" for v, p in MATRIX]


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_group_page(client, world):
    response = _client(client, world).get("/groups/sanremo/")
    if not _may_know(world["kind"], world["privacy"]):
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sanremo law alumni" in body
    assert ("Pia Peer" in body) is _may_see_content(world["kind"], world["privacy"])


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_group_listing(client, world):
    body = _client(client, world).get("/groups/").content.decode()
    assert ("Sanremo law alumni" in body) is _may_know(world["kind"], world["privacy"])


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_group_member_list(client, world):
    response = _client(client, world).get("/groups/sanremo/members/")
    if not _may_know(world["kind"], world["privacy"]):
        assert response.status_code == 404
    elif not _may_see_content(world["kind"], world["privacy"]):
        assert response.status_code == 403
        assert "Pia Peer" not in response.content.decode()
    else:
        assert response.status_code == 200
        assert "Pia Peer" in response.content.decode()


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_group_activity_feed(client, world):
    body = _client(client, world).get("/groups/sanremo/").content.decode()
    shown = "Pia Peer joined the group" in body
    assert shown is _may_see_content(world["kind"], world["privacy"])


SIGNED_IN = [(v, p) for v, p in MATRIX if v != "anonymous"]
SIGNED_IN_IDS = [f"{v}-{p}" for v, p in SIGNED_IN]


def _stored_notification(world) -> Notification:
    """A notification about the group's content, stored as if the viewer could see it
    when it was created (e.g. before a removal)."""
    return Notification.objects.create(
        recipient=world["viewer"],
        verb=Notification.Verb.NEW_CONTENT,
        title="New topic: drafting a labour migration law",
        url="/forums/t/1/",
        group=world["group"],
    )


@pytest.mark.parametrize("world", SIGNED_IN, ids=SIGNED_IN_IDS, indirect=True)
def test_notifications_page_and_bell(client, world):
    _stored_notification(world)
    body = _client(client, world).get("/notifications/").content.decode()
    visible = _may_see_content(world["kind"], world["privacy"])
    assert ("drafting a labour migration law" in body) is visible
    count = client.get("/notifications/unread-count/").json()["unread"]
    assert count == (1 if visible else 0)


@pytest.mark.parametrize("world", SIGNED_IN, ids=SIGNED_IN_IDS, indirect=True)
def test_notification_digest(world):
    _stored_notification(world)
    services.digests_send(frequency="daily")
    to_viewer = [m for m in mail.outbox if m.to == [world["viewer"].email]]
    if _may_see_content(world["kind"], world["privacy"]):
        assert len(to_viewer) == 1
        assert "drafting a labour migration law" in to_viewer[0].body
    else:
        assert to_viewer == []


@pytest.mark.parametrize("world", SIGNED_IN, ids=SIGNED_IN_IDS, indirect=True)
def test_new_notifications_are_only_created_for_those_who_may_see(world):
    created = services.notification_create(
        recipient=world["viewer"],
        verb=Notification.Verb.NEW_CONTENT,
        title="New post",
        group=world["group"],
    )
    assert (created is not None) is _may_see_content(world["kind"], world["privacy"])


@pytest.mark.search
@pytest.mark.parametrize("search_backend", ["database", "elasticsearch"])
@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_search_suggestions(
    client, world, search_backend, request, django_capture_on_commit_callbacks
):
    """ "Did you mean" offers a word of the group's discussions only to those who may
    read them; the others get the public spelling."""
    request.getfixturevalue("db_backend" if search_backend == "database" else "es")
    category = CategoryFactory(name="Sanremo forum", slug="sanremo-forum", group=world["group"])
    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory(category=category, title="Xylophonic drafting notes")
        TopicFactory(category=category, title="Xylophonic hearing minutes")
        TopicFactory(title="Xylophonics for local authorities")

    response = _client(client, world).get("/api/v1/search/", {"q": "xylophonix"})

    visible = _may_see_content(world["kind"], world["privacy"])
    assert response.json()["suggestion"] == ("xylophonic" if visible else "xylophonics")


def _pia(world):
    return world["group"].memberships.get(user__profile__display_name="Pia Peer").user


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_profile_lists_a_membership_only_to_who_may_see_the_groups_members(client, world):
    """Belonging to a private or secret group is that group's content."""
    body = _client(client, world).get(f"/members/{_pia(world).handle}/").content.decode()
    assert ("Sanremo law alumni" in body) is _may_see_content(world["kind"], world["privacy"])


MEMBER_COUNT = re.compile(r"\b\d+ members?\b")


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_member_count_on_the_group_page_only_for_who_may_see_its_members(client, world):
    response = _client(client, world).get("/groups/sanremo/")
    if not _may_know(world["kind"], world["privacy"]):
        assert response.status_code == 404
        return
    shown = MEMBER_COUNT.search(response.content.decode()) is not None
    assert shown is _may_see_content(world["kind"], world["privacy"])


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_member_count_in_the_group_listing_only_for_who_may_see_its_members(client, world):
    body = _client(client, world).get("/groups/").content.decode()
    assert "Sanremo law alumni" in body or not _may_know(world["kind"], world["privacy"])
    shown = MEMBER_COUNT.search(body) is not None
    assert shown is _may_see_content(world["kind"], world["privacy"])


@pytest.mark.parametrize("world", SIGNED_IN, ids=SIGNED_IN_IDS, indirect=True)
def test_data_export(client, world):
    """The export (JSON and printable page) names what ``/notifications/`` shows, no more."""
    _stored_notification(world)
    client = _client(client, world)
    visible = _may_see_content(world["kind"], world["privacy"])
    for url in ("/profile/data/export.json", "/profile/data/export/"):
        body = client.get(url).content.decode()
        assert ("drafting a labour migration law" in body) is visible, url


@pytest.mark.parametrize("world", MATRIX, ids=IDS, indirect=True)
def test_flag_form_shows_a_post_only_to_who_may_read_it(client, world):
    """The flag form quotes the post it reports: a visible post to those who may see the
    group's content, a hidden one to those who moderate the group's forum only."""
    from tests.forums.factories import PostFactory

    category = CategoryFactory(name="Sanremo forum", slug="sanremo-forum", group=world["group"])
    topic = TopicFactory(category=category, title="Our roster after the course")
    shown = PostFactory(topic=topic, body="Plain reply about the roster.")
    hidden = PostFactory(topic=topic, body="Reply a moderator hid.", hidden=True)
    viewer = _client(client, world)

    visible_body = viewer.get(f"/forums/p/{shown.pk}/flag/").content.decode()
    hidden_body = viewer.get(f"/forums/p/{hidden.pk}/flag/").content.decode()

    # Flagging is for members: an anonymous visitor is sent to log in first.
    may_see = _may_see_content(world["kind"], world["privacy"]) and world["viewer"] is not None
    assert ("Plain reply about the roster." in visible_body) is may_see
    moderates = world["kind"] in {"moderator", "owner", "staff"}
    assert ("Reply a moderator hid." in hidden_body) is moderates
