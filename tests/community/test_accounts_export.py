"""Export my data: the same rules as every other surface, and every app's part."""

import json

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from community.models import Group, Membership, Notification
from tests.community.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("privacy", [Group.Privacy.PRIVATE, Group.Privacy.SECRET])
def test_export_leaves_out_notifications_of_groups_the_member_has_left(client, member, privacy):
    group = GroupFactory(privacy=privacy)
    MembershipFactory(group=group, user=member)
    Notification.objects.create(
        recipient=member,
        verb=Notification.Verb.NEW_CONTENT,
        title="New topic: the draft bilateral labour agreement",
        group=group,
    )
    Notification.objects.create(
        recipient=member, verb=Notification.Verb.REPLY, title="A reply you may still read"
    )
    Membership.objects.filter(group=group, user=member).delete()
    client.force_login(member)

    page = client.get("/notifications/").content.decode()
    export = client.get("/profile/data/export.json").content.decode()

    assert "draft bilateral labour agreement" not in page
    assert "draft bilateral labour agreement" not in export
    titles = [n["title"] for n in json.loads(export)["notifications"]]
    assert titles == ["A reply you may still read"]


@pytest.fixture
def world(db):
    from tests.community.accounts_world import build_world

    return build_world()


SECTIONS_WITH_DATA = [
    "account",
    "profile",
    "memberships",
    "follows",
    "notifications",
    "forum_topics",
    "forum_posts",
    "forum_reactions",
    "comments",
    "needs",
    "endorsements",
    "follow_up_answers",
    "certificates",
]


def test_export_has_every_section_with_the_members_data(client, world):
    client.force_login(world.member)
    data = json.loads(client.get("/profile/data/export.json").content)

    assert [name for name in SECTIONS_WITH_DATA if not data.get(name)] == []
    assert data["profile"]["bio"] == "Labour attaché"
    assert [m["group"] for m in data["memberships"]] == ["mayors", data["memberships"][1]["group"]]
    assert {t["title"] for t in data["forum_topics"]} == {
        "Recognising skills of returning nurses",
        "Mateo solitary kumquat question",
    }
    bodies = [p["body"] for p in data["forum_posts"]]
    assert "Member reply: zanzibar cloves and three days of orientation." in bodies
    assert "Member private reply: my own words." in bodies
    assert data["forum_reactions"][0]["topic"] == "Pre-departure orientation in Manila"
    assert data["comments"][0]["comment"] == "Member comment: pangolin matched savings."
    assert data["comments"][0]["page"] == "Remittance-linked savings"
    assert data["needs"][0]["title"] == "Member need: fair recruitment audits"
    assert data["endorsements"][0]["need"] == "Peer need"
    assert data["follow_up_answers"][0]["answers"][0]["answer"] == (
        "Member answer: okapi referral desk."
    )
    assert data["certificates"][0]["uuid"] == str(world.certificate.uuid)


def test_export_names_nothing_of_other_peoples_private_content(client, world):
    client.force_login(world.member)
    export = client.get("/profile/data/export.json").content.decode()
    page = client.get("/profile/data/export/").content.decode()

    for text in (export, page):
        assert "Member private reply: my own words." in text  # their own words, yes
        assert "recruitment blacklist" not in text  # the private topic's title, no
        assert "Peer private opening." not in text
        assert "Peer answer: the nursing council" not in text
        assert "Peer comment in reply." not in text


def test_export_page_shows_every_section_readably(client, world):
    client.force_login(world.member)
    response = client.get("/profile/data/export/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    for name in SECTIONS_WITH_DATA:
        assert f'id="export-{name}"' in body
    assert '<h2 id="export-forum_posts-heading">Your forum posts</h2>' in body
    assert "Member reply: zanzibar cloves and three days of orientation." in body
    assert "Member comment: pangolin matched savings." in body
    assert "Member answer: okapi referral desk." in body


def test_export_page_shows_dates_as_people_read_them(client, member):
    client.force_login(member)
    joined = member.date_joined.isoformat()

    body = client.get("/profile/data/export/").content.decode()

    assert joined not in body  # the JSON's ISO 8601 stays in the JSON
    assert date_format(timezone.localtime(member.date_joined), "DATETIME_FORMAT") in body


def test_export_is_reachable_from_the_profile_settings(client, member):
    client.force_login(member)
    settings_page = client.get("/profile/").content.decode()
    assert 'href="/profile/data/"' in settings_page
    data_page = client.get("/profile/data/").content.decode()
    assert 'href="/profile/data/export/"' in data_page
    assert 'href="/profile/data/export.json"' in data_page


def test_every_app_holding_members_data_declares_its_part():
    """An app whose models point at a member must have a ``privacy.py``: the export and
    the deletion are declared there, not listed in community."""
    import importlib
    import importlib.util

    from django.apps import apps
    from django.conf import settings
    from django.db import models

    from community.exports import account_deleting, export_sections

    holders = {
        model._meta.app_label
        for model in apps.get_models()
        if model._meta.app_config.path.startswith(str(settings.BASE_DIR))
        and ".venv" not in model._meta.app_config.path
        and any(
            isinstance(f, models.ForeignKey) and f.related_model is apps.get_model("community.User")
            for f in model._meta.local_fields
        )
    }
    assert {"community", "forums", "outcomes"} <= holders
    missing = [app for app in holders if importlib.util.find_spec(f"{app}.privacy") is None]
    assert missing == []
    declared = {section.export.__module__ for section in export_sections()}
    receivers = {importlib.import_module(f"{app}.privacy") for app in holders | {"casestudies"}}
    assert {module.__name__ for module in receivers} <= declared
    sync_receivers, _async = account_deleting._live_receivers(
        sender=apps.get_model("community.User")
    )
    connected = {receiver.__module__ for receiver in sync_receivers}
    assert {module.__name__ for module in receivers} <= connected
