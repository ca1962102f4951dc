"""Forum topics in the one search box, filtered by the group visibility rule."""

import pytest

from community.models import Group, Membership
from tests.forums.factories import CategoryFactory, GroupFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(db):
    return GroupFactory(name="Sahel mayors", slug="sahel-mayors", privacy=Group.Privacy.PRIVATE)


@pytest.mark.search
def test_search_finds_group_discussions_for_members_only(
    client, es, member, other_member, private_group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        category = CategoryFactory(name="Alumni forum", slug="alumni-forum", group=private_group)
        TopicFactory(category=category, title="Remittance corridors after the course")
        TopicFactory(title="Remittance costs in West Africa")
    Membership.objects.create(group=private_group, user=member)

    client.force_login(member)
    titles = [r["title"] for r in client.get("/api/v1/search/?q=remittance").json()["results"]]
    assert "Remittance corridors after the course" in titles
    assert "Remittance costs in West Africa" in titles

    client.force_login(other_member)
    titles = [r["title"] for r in client.get("/api/v1/search/?q=remittance").json()["results"]]
    assert titles == ["Remittance costs in West Africa"]
