"""Following an inventory item from its page, and hearing when its status changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inventory.models import InventoryItem
from tests.community.factories import notifications_page
from tests.inventory.factories import InventoryItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db):
    return InventoryItemFactory(external_id="pdos-ph", title="Pre-departure seminar")


def _follow_url(item) -> str:
    return reverse("community:follow", args=["inventory-item", item.pk])


def test_item_page_has_a_follow_button_for_members_only(client, member, item):
    assert _follow_url(item) not in client.get(item.get_absolute_url()).content.decode()
    client.force_login(member)
    assert f'action="{_follow_url(item)}"' in client.get(item.get_absolute_url()).content.decode()


def test_following_an_item_lists_it_and_unfollowing_removes_it(client, member, item):
    client.force_login(member)
    response = client.post(_follow_url(item), {"action": "follow"})
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    listed = client.get("/profile/following/").content.decode()
    assert "Inventory items" in listed
    assert "Pre-departure seminar" in listed
    client.post(_follow_url(item), {"action": "unfollow"})
    listed = client.get("/profile/following/").content.decode()
    assert f'href="{item.get_absolute_url()}"' not in listed


def test_a_draft_item_cannot_be_followed(client, member):
    draft = InventoryItemFactory(live=False)
    client.force_login(member)
    assert client.post(_follow_url(draft)).status_code == 404


def test_following_needs_post(client, member, item):
    client.force_login(member)
    assert client.get(_follow_url(item)).status_code == 405


def test_followers_hear_when_the_status_changes(client, member, editor, item):
    client.force_login(member)
    client.post(_follow_url(item), {"action": "follow"})
    item.status = InventoryItem.Status.ARCHIVED
    item.save_revision(user=editor).publish()
    assert "“Pre-departure seminar” is now archived" in notifications_page(member)


def test_the_editor_who_changes_the_status_is_not_told(client, editor, item):
    client.force_login(editor)
    client.post(_follow_url(item), {"action": "follow"})
    item.status = InventoryItem.Status.PLANNED
    item.save_revision(user=editor).publish()
    assert "is now planned" not in notifications_page(editor)


def test_an_edit_that_keeps_the_status_is_not_news(client, member, editor, item):
    client.force_login(member)
    client.post(_follow_url(item), {"action": "follow"})
    item.summary = "A longer summary."
    item.save_revision(user=editor).publish()
    assert "Pre-departure seminar" not in notifications_page(member)
