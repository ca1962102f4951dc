"""How news reaches a member, through what they see: the choice per kind of news on the
profile page, then the bell (``/notifications/``), the email sent at once, and the digest.

Each kind of thing a member may follow is checked end to end: followed through the one
follow route, something happens (done by another member through the site, or by an
editor publishing), and the news is under the bell and in the digest under its kind."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casestudies.services import case_study_index_ensure
from community.forms import ProfileForm
from community.models import Profile
from inventory.models import InventoryItem
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import GroupFactory, MembershipFactory, notifications_page
from tests.forums.factories import CategoryFactory, TopicFactory
from tests.inventory.factories import InventoryItemFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _follow(follower, kind: str, pk: int) -> None:
    response = _client(follower).post(reverse("community:follow", args=[kind, pk]))
    assert response.status_code == 302


def _save_delivery(user, **choices: str) -> None:
    """Save the profile form as the member would, changing only the given kinds
    (``topic="email"``, ``case_study="site"``…)."""
    form = ProfileForm(instance=user.profile, user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False, ""):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    data.update({f"news_{kind}": delivery for kind, delivery in choices.items()})
    response = _client(user).post(reverse("community:profile_edit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _digest_for(user) -> str:
    Profile.objects.filter(user=user).update(digest_frequency=Profile.DigestFrequency.DAILY)
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "daily")
    return "".join(m.body for m in mail.outbox if m.to == [user.email])


def _reply(author, topic, body: str = "Here is what we did.") -> None:
    response = _client(author).post(reverse("forums:post_create", args=[topic.pk]), {"body": body})
    assert response.status_code == 302


def _start_topic(author, category, title: str) -> None:
    response = _client(author).post(
        reverse("forums:topic_create", args=[category.slug]), {"title": title, "body": "How?"}
    )
    assert response.status_code == 302


# Each case: (follow what, as which kind) then (someone acts) -> (the news line, its heading).
def _member_case(follower, actor, editor):
    _follow(follower, "member", actor.pk)
    _start_topic(actor, CategoryFactory(), "Welcome desks at airports")
    return "New topic in", "Welcome desks at airports", "People you follow"


def _group_case(follower, actor, editor):
    group = GroupFactory(name="Returnee network")
    MembershipFactory(group=group, user=actor)
    topic = TopicFactory(category=CategoryFactory(group=group), title="Cohort reunion dates")
    _follow(follower, "group", group.pk)
    _reply(actor, topic)
    return "replied to", "Cohort reunion dates", "Groups you follow"


def _topic_case(follower, actor, editor):
    topic = TopicFactory(title="Language classes before departure")
    _follow(follower, "topic", topic.pk)
    _reply(actor, topic)
    return "replied to", "Language classes before departure", "Forum topics you follow"


def _category_case(follower, actor, editor):
    category = CategoryFactory(name="Reintegration")
    _follow(follower, "category", category.pk)
    _start_topic(actor, category, "Savings groups for returnees")
    return "New topic in", "Savings groups for returnees", "Forum categories you follow"


def _case_study_case(follower, actor, editor):
    case_study_index_ensure()
    page = CaseStudyPageFactory(title="Pre-departure orientation", slug="pdos")
    _follow(follower, "case-study", page.pk)
    _client(actor).post(f"/comments/post/{page.pk}/", {"comment": "We tried this."})
    return "commented on", "Pre-departure orientation", "Case studies you follow"


def _inventory_item_case(follower, actor, editor):
    item = InventoryItemFactory(external_id="pdos-ph", title="Pre-departure seminar")
    _follow(follower, "inventory-item", item.pk)
    item.status = InventoryItem.Status.ARCHIVED
    item.save_revision(user=editor).publish()
    return "is now archived", "Pre-departure seminar", "Inventory items you follow"


CASES: dict[str, Callable] = {
    "member": _member_case,
    "group": _group_case,
    "topic": _topic_case,
    "category": _category_case,
    "case-study": _case_study_case,
    "inventory-item": _inventory_item_case,
}


@pytest.mark.parametrize("kind", list(CASES))
def test_followed_news_reaches_the_bell_and_the_digest_under_its_kind(
    kind, member, other_member, editor
):
    verb, subject, heading = CASES[kind](member, other_member, editor)
    bell = notifications_page(member)
    assert verb in bell
    assert subject in bell
    digest = _digest_for(member)
    assert heading in digest
    assert digest.index(heading) < digest.index(subject)


def test_the_settings_page_offers_a_delivery_choice_for_every_kind_of_news(client, member):
    client.force_login(member)
    notifications = client.get(reverse("community:notifications")).content.decode()
    settings_link = reverse("community:profile_edit") + "#notification-settings"
    assert f'href="{settings_link}"' in notifications
    page = client.get(reverse("community:profile_edit")).content.decode()
    assert 'id="news-delivery"' in page
    for label in (
        "Replies, mentions and news about you",
        "People you follow",
        "Groups you follow",
        "Forum topics you follow",
        "Forum categories you follow",
        "Case studies you follow",
        "Inventory items you follow",
        "Events you follow",
    ):
        assert f">{label}:</label>" in page
    assert '<option value="email">By email at once</option>' in page
    assert '<option value="digest" selected>In the digest</option>' in page


def test_email_at_once_sends_a_followed_topics_reply_now_and_not_again_in_the_digest(
    member, other_member, django_capture_on_commit_callbacks
):
    topic = TopicFactory(title="Language classes before departure")
    _follow(member, "topic", topic.pk)
    _save_delivery(member, topic="email")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reply(other_member, topic)
    sent = [m for m in mail.outbox if m.to == [member.email]]
    assert len(sent) == 1
    assert "Amina Peer replied to “Language classes before departure”" in sent[0].subject
    assert "http://testserver/forums/" in sent[0].body
    assert "replied to" in notifications_page(member)
    assert "Language classes before departure" not in _digest_for(member)


def test_only_on_the_site_keeps_a_kind_out_of_the_digest_but_under_the_bell(member, other_member):
    _follow(member, "member", other_member.pk)
    _save_delivery(member, member="site")
    _start_topic(other_member, CategoryFactory(), "Welcome desks at airports")
    assert "Welcome desks at airports" in notifications_page(member)
    assert "Welcome desks at airports" not in _digest_for(member)


def test_a_reply_to_my_topic_is_news_about_me_not_topic_news(
    member, other_member, django_capture_on_commit_callbacks
):
    topic = TopicFactory(title="Our question about visas", author=member)
    _follow(member, "topic", topic.pk)
    _save_delivery(member, personal="email", topic="site")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reply(other_member, topic)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Our question about visas" in mail.outbox[0].subject


def test_the_choice_of_one_kind_leaves_the_others_in_the_digest(member, other_member):
    category = CategoryFactory(name="Reintegration")
    _follow(member, "category", category.pk)
    _save_delivery(member, member="site", topic="email")
    _start_topic(other_member, category, "Savings groups for returnees")
    assert "Savings groups for returnees" in _digest_for(member)
