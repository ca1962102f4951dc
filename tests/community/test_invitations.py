"""Invitations by email, to members and to people who have no account yet."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Group, Invitation, Membership, Notification, User
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Remittances-Corridor-2026"


@pytest.fixture
def owner():
    return UserFactory(profile__display_name="Olivia Owner")


@pytest.fixture
def secret_group(owner):
    group = GroupFactory(name="GFMD focal points", slug="gfmd-focal", privacy=Group.Privacy.SECRET)
    MembershipFactory(group=group, user=owner, role=Membership.Role.OWNER)
    return group


def _path(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/\S+/)", body)
    assert match, body
    return match.group(1)


def test_inviting_a_newcomer_emails_a_signed_link(
    client, owner, secret_group, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/groups/gfmd-focal/invitations/", {"emails": "nadia@example.org, Kofi@Example.org"}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["kofi@example.org", "nadia@example.org"]
    message = mailoutbox[0]
    assert "GFMD focal points" in message.subject
    assert "sign up with this email address" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert _path(message.body).startswith("/invitations/")


def test_invitation_form_reports_bad_addresses(client, owner, secret_group, mailoutbox):
    client.force_login(owner)
    response = client.post("/groups/gfmd-focal/invitations/", {"emails": "ok@example.org, nope"})
    assert response.status_code == 400
    assert "Not valid email addresses: nope" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_only_managers_invite(client, member, secret_group):
    MembershipFactory(group=secret_group, user=member)
    client.force_login(member)
    response = client.post("/groups/gfmd-focal/invitations/", {"emails": "x@example.org"})
    assert response.status_code == 403


def test_inviting_again_renews_instead_of_duplicating(owner, secret_group, mailoutbox):
    services.invitations_create(group=secret_group, invited_by=owner, emails=["a@example.org"])
    services.invitations_create(group=secret_group, invited_by=owner, emails=["A@example.org"])
    assert Invitation.objects.filter(group=secret_group).count() == 1


def test_existing_member_is_notified_in_app(owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    note = Notification.objects.get(recipient=member)
    assert note.verb == Notification.Verb.INVITATION
    assert "GFMD focal points" in note.title
    assert note.url.startswith("/invitations/")


def test_newcomer_joins_the_secret_group_on_confirming_sign_up(
    client, owner, secret_group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_create(
            group=secret_group, invited_by=owner, emails=["nadia@example.org"]
        )
    invitation_path = _path(mailoutbox[0].body)
    page = client.get(invitation_path)
    assert page.status_code == 200
    assert "You are invited to join GFMD focal points" in page.content.decode()

    client.post(
        reverse("account_signup"),
        {"email": "nadia@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    nadia = User.objects.get(email="nadia@example.org")
    assert not Membership.objects.filter(user=nadia).exists()  # not before confirming
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mailoutbox[-1].body)
    response = client.post(confirm.group(1))
    assert response.status_code == 302
    assert Membership.objects.get(user=nadia, group=secret_group).role == "member"
    assert Invitation.objects.get(email="nadia@example.org").status == "accepted"
    assert client.get("/groups/gfmd-focal/").status_code == 200


def test_member_accepts_an_invitation_from_the_link(client, owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    invitation = Invitation.objects.get()
    client.force_login(member)
    response = client.post(services.invitation_url(invitation), {"decision": "accept"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/gfmd-focal/"
    assert Membership.objects.filter(group=secret_group, user=member).exists()


def test_invitation_cannot_be_used_twice(client, owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    url = services.invitation_url(Invitation.objects.get())
    client.force_login(member)
    client.post(url, {"decision": "accept"})
    response = client.get(url)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_forged_invitation_token_is_refused(client, member, secret_group):
    client.force_login(member)
    for token in [
        "forged",
        "InZ5a2V5Ig:1tFake:abcdefghijklmnop",
        services.invitation_token(Invitation(key="not-a-real-key")),
    ]:
        response = client.get(f"/invitations/{token}/")
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_expired_invitation_is_refused(client, owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    url = services.invitation_url(Invitation.objects.get())
    client.force_login(member)
    with time_machine.travel(timezone.now() + timedelta(days=Invitation.VALID_DAYS + 1)):
        response = client.post(url, {"decision": "accept"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(group=secret_group, user=member).exists()


def test_someone_else_cannot_accept_an_invitation_forwarded_to_them(
    client, owner, secret_group, member, other_member
):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    url = services.invitation_url(Invitation.objects.get())
    client.force_login(other_member)
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 403
    assert "another email address" in response.content.decode()
    assert not Membership.objects.filter(group=secret_group, user=other_member).exists()


def test_revoked_invitation_is_refused(client, owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    invitation = Invitation.objects.get()
    client.force_login(owner)
    client.post(f"/groups/gfmd-focal/invitations/{invitation.pk}/revoke/")
    client.force_login(member)
    response = client.post(services.invitation_url(invitation), {"decision": "accept"})
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_declining_closes_the_invitation(client, owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=[member.email])
    invitation = Invitation.objects.get()
    client.force_login(member)
    client.post(services.invitation_url(invitation), {"decision": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Membership.objects.filter(group=secret_group, user=member).exists()


def test_guessing_a_secret_groups_url_reveals_and_joins_nothing(client, member, secret_group):
    client.force_login(member)
    assert client.get("/groups/gfmd-focal/").status_code == 404
    assert client.post("/groups/gfmd-focal/join/").status_code == 404
    assert client.get("/groups/gfmd-focal/members/").status_code == 404
    assert not Membership.objects.filter(user=member).exists()


def test_non_manager_cannot_revoke(owner, secret_group, member):
    services.invitations_create(group=secret_group, invited_by=owner, emails=["x@example.org"])
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(invitation=Invitation.objects.get(), actor=member)
