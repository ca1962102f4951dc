"""The notifications page, the digest command and its one-click unsubscribe."""

import pytest
from django.core import mail
from django.core.management import call_command

from community import services
from community.models import Group, Notification, Profile
from tests.community.factories import (
    GroupFactory,
    MembershipFactory,
    NotificationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_notifications_page_lists_and_marks_read(client, member):
    note = NotificationFactory(recipient=member, title="Amina replied to your topic")
    client.force_login(member)
    body = client.get("/notifications/").content.decode()
    assert "Amina replied to your topic" in body
    assert "New" in body
    response = client.get(f"/notifications/{note.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/forums/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_a_notification_never_redirects_off_site(client, member):
    note = NotificationFactory(recipient=member, url="https://evil.example/phish")
    client.force_login(member)
    response = client.get(f"/notifications/{note.pk}/")
    assert response["Location"] == "/notifications/"


def test_members_cannot_open_each_others_notifications(client, member, other_member):
    note = NotificationFactory(recipient=other_member)
    client.force_login(member)
    assert client.get(f"/notifications/{note.pk}/").status_code == 404
    assert client.post(f"/notifications/{note.pk}/read/").status_code == 404


def test_mark_all_read_clears_the_bell(client, member):
    NotificationFactory.create_batch(3, recipient=member)
    client.force_login(member)
    assert 'data-unread-count aria-live="polite">3' in client.get("/").content.decode()
    client.post("/notifications/read-all/")
    assert client.get("/notifications/unread-count/").json() == {"unread": 0}


def test_unread_count_endpoint_needs_log_in(client):
    response = client.get("/notifications/unread-count/")
    assert response.status_code == 401


def _daily(user):
    Profile.objects.filter(user=user).update(digest_frequency=Profile.DigestFrequency.DAILY)


def test_digest_command_sends_one_email_per_member_with_unsubscribe_headers(member):
    _daily(member)
    NotificationFactory(recipient=member, title="Li mentioned you in Remittance costs")
    NotificationFactory(recipient=member, title="Kwame reacted to your post")
    call_command("send_digests", "--frequency", "daily")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "2 new notifications" in message.subject
    assert "Li mentioned you in Remittance costs" in message.body
    assert "http://testserver/forums/" in message.body
    html = message.alternatives[0][0]
    assert "Kwame reacted to your post" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/digest/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_digest_marks_notifications_emailed_and_sends_nothing_twice(member):
    _daily(member)
    NotificationFactory(recipient=member)
    call_command("send_digests", "--frequency", "daily")
    call_command("send_digests", "--frequency", "daily")
    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_digest_skips_members_with_nothing_new_and_other_frequencies(member, other_member):
    _daily(member)
    NotificationFactory(recipient=other_member)  # other_member is weekly (the default)
    read = NotificationFactory(recipient=member)
    services.notification_mark_read(notification=read)
    stats = services.digests_send(frequency="daily")
    assert stats.sent == 0
    assert mail.outbox == []
    services.digests_send(frequency="weekly")
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_digest_leaves_out_what_a_removed_member_can_no_longer_see(member):
    _daily(member)
    owner = UserFactory()
    group = GroupFactory(name="Closed circle", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=owner, role="owner")
    MembershipFactory(group=group, user=member)
    services.notification_create(
        recipient=member, verb="new_content", title="Confidential draft shared", group=group
    )
    NotificationFactory(recipient=member, title="Public reply")
    services.membership_remove(group=group, actor=owner, user=member)
    services.digests_send(frequency="daily")
    body = mail.outbox[0].body
    assert "Public reply" in body
    assert "Confidential draft shared" not in body


def test_digest_command_refuses_an_unknown_frequency():
    with pytest.raises(Exception, match="invalid choice"):
        call_command("send_digests", "--frequency", "hourly")


def test_one_click_unsubscribe_needs_no_log_in(client, member):
    _daily(member)
    token = services.unsubscribe_token(member)
    page = client.get(f"/digest/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop sending the email digest" in page.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.digest_frequency == "daily"  # GET changes nothing
    response = client.post(f"/digest/unsubscribe/{token}/")
    assert response.status_code == 200
    assert "no longer receive" in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.digest_frequency == "off"


def test_mail_client_one_click_post_works_without_csrf(member):
    from django.test import Client

    _daily(member)
    client = Client(enforce_csrf_checks=True)
    token = services.unsubscribe_token(member)
    response = client.post(f"/digest/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    member.profile.refresh_from_db()
    assert member.profile.digest_frequency == "off"


def test_forged_unsubscribe_token_is_refused(client, member):
    _daily(member)
    response = client.post(f"/digest/unsubscribe/{member.pk}:forged/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.digest_frequency == "daily"
