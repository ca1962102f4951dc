"""Leaving the platform: export my data, delete my account."""

import json

import pytest
from django.contrib.auth import get_user_model

from community import services
from community.exports import account_deleting, register_exporter, unregister_exporter
from community.models import Follow, Membership, Notification
from tests.community.factories import (
    PASSWORD,
    GroupFactory,
    MembershipFactory,
    NotificationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_export_downloads_my_data_as_json(client, member, other_member):
    group = GroupFactory(slug="wg", name="Working group")
    MembershipFactory(group=group, user=member, role="moderator")
    services.follow_create(user=member, target=other_member)
    NotificationFactory(recipient=member, title="Hello there")
    client.force_login(member)
    response = client.get("/profile/data/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["display_name"] == "Mateo Member"
    assert data["memberships"][0]["group"] == "wg"
    assert data["memberships"][0]["role"] == "moderator"
    assert data["follows"][0]["type"] == "community.user"
    assert data["notifications"][0]["title"] == "Hello there"


def test_export_includes_sections_other_apps_register(client, member):
    @register_exporter("greetings", title="Greetings", fields={"text": "Text"})
    def _greetings(user):
        return [{"text": f"hello from {user.handle}"}]

    try:
        client.force_login(member)
        data = json.loads(client.get("/profile/data/export.json").content)
        page = client.get("/profile/data/export/").content.decode()
    finally:
        unregister_exporter("greetings")
    assert data["greetings"] == [{"text": f"hello from {member.handle}"}]
    assert f"hello from {member.handle}" in page


def test_export_needs_log_in(client):
    assert client.get("/profile/data/export.json").status_code == 302


def test_delete_asks_for_the_password(client, member):
    client.force_login(member)
    response = client.post("/profile/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_delete_anonymises_and_keeps_attribution_as_former_member(client, member):
    owner_of = GroupFactory(slug="mine")
    MembershipFactory(group=owner_of, user=member, role="owner")
    successor = UserFactory()
    MembershipFactory(group=owner_of, user=successor, role="moderator")
    services.follow_create(user=member, target=owner_of)
    NotificationFactory(recipient=member)
    seen = []

    def receiver(sender, user, delete_content, **kwargs):
        seen.append((user.pk, delete_content))

    account_deleting.connect(receiver)
    try:
        client.force_login(member)
        response = client.post("/profile/delete/", {"password": PASSWORD})
    finally:
        account_deleting.disconnect(receiver)
    assert response.status_code == 302
    assert seen == [(member.pk, False)]
    user = get_user_model().objects.get(pk=member.pk)
    assert not user.is_active
    assert user.display_name == "Former member"
    assert user.email.endswith("@deleted.invalid")
    assert user.handle == f"former-member-{user.pk}"
    assert not user.has_usable_password()
    assert user.profile.display_name == ""
    assert not Membership.objects.filter(user=user).exists()
    assert Membership.objects.get(user=successor).role == "owner"
    assert not Follow.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not client.get("/").context["user"].is_authenticated


def test_delete_with_content_tells_other_apps_to_delete_it(client, member):
    seen = []

    def receiver(sender, user, delete_content, **kwargs):
        seen.append(delete_content)

    account_deleting.connect(receiver)
    try:
        client.force_login(member)
        client.post("/profile/delete/", {"password": PASSWORD, "delete_content": "on"})
    finally:
        account_deleting.disconnect(receiver)
    assert seen == [True]


def test_deleted_member_cannot_log_in_again(client, member):
    email = member.email
    services.account_delete(user=member)
    assert not client.login(email=email, password=PASSWORD)
