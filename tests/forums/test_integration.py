"""Forums seen from the rest of the site: group pages, the pages a topic discusses, and
search — always through the one visibility rule."""

import pytest

from community.models import Group, Membership
from tests.forums.factories import CategoryFactory, GroupFactory, LiveRoomFactory, TopicFactory
from tests.inventory.factories import InventoryItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(db):
    return GroupFactory(name="Sahel mayors", slug="sahel-mayors", privacy=Group.Privacy.PRIVATE)


@pytest.fixture
def group_topic(private_group):
    category = CategoryFactory(name="Sahel mayors forum", slug="sahel-forum", group=private_group)
    return TopicFactory(category=category, title="Budgeting for migrant reception centres")


def test_group_page_shows_discussions_and_live_room_to_members(
    client, member, private_group, group_topic
):
    LiveRoomFactory(group=private_group, name="Sahel workshop back-channel", slug="sahel-room")
    Membership.objects.create(group=private_group, user=member)
    client.force_login(member)
    html = client.get(f"/groups/{private_group.slug}/").content.decode()
    assert "Budgeting for migrant reception centres" in html
    assert "Sahel workshop back-channel" in html


def test_group_page_hides_discussions_from_non_members(client, member, group_topic):
    client.force_login(member)
    response = client.get("/groups/sahel-mayors/")
    assert response.status_code == 200
    assert "Budgeting for migrant reception centres" not in response.content.decode()


def test_inventory_item_page_lists_only_discussions_the_viewer_may_see(client, member, group_topic):
    item = InventoryItemFactory(title="Local governance of migration course")
    public_topic = TopicFactory(title="Who has taken this course?", inventory_item=item)
    group_topic.inventory_item = item
    group_topic.save()
    client.force_login(member)
    html = client.get(item.get_absolute_url()).content.decode()
    assert public_topic.title in html
    assert group_topic.title not in html
