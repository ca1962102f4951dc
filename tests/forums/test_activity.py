"""A group's "Recent activity": the forum's topics, replies and shared case studies
beside the joins, newest first, only for those who may see the group's content."""

from __future__ import annotations

import pytest

from community.models import Group
from tests.community.factories import UserFactory
from tests.forums.factories import (
    CategoryFactory,
    GroupFactory,
    MembershipFactory,
    PostFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_group_activity_shows_topics_replies_joins_and_shared_case_studies_newest_first(
    client, member
):
    from tests.casestudies.factories import CaseStudyPageFactory

    group = GroupFactory()
    MembershipFactory(group=group, user=member)
    category = CategoryFactory(group=group)
    topic = TopicFactory(category=category, author=member, title="Starting out")
    PostFactory(topic=topic, author=UserFactory(profile__display_name="Rita Replier"))
    TopicFactory(
        category=category, title="Have you read this one?", case_study=CaseStudyPageFactory()
    )
    body = client.get(f"/groups/{group.slug}/").content.decode()
    feed = body[body.index('class="activity-feed"') :]
    shared = feed.index("shared a case study: “Have you read this one?”")
    replied = feed.index("Rita Replier replied to “Starting out”")
    started = feed.index("Mateo Member started “Starting out”")
    joined = feed.index("Mateo Member joined the group")
    assert shared < replied < started
    assert joined > 0


def test_group_activity_is_not_shown_to_outsiders_of_a_private_group(client, member):
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    TopicFactory(category=CategoryFactory(group=group), title="Inside the cohort")
    client.force_login(member)
    assert "Inside the cohort" not in client.get(f"/groups/{group.slug}/").content.decode()


@pytest.mark.parametrize("count", [3, 40])
def test_group_activity_runs_a_fixed_number_of_queries(
    client, member, django_assert_max_num_queries, count
):
    group = GroupFactory()
    MembershipFactory(group=group, user=member)
    category = CategoryFactory(group=group)
    for n in range(count):
        topic = TopicFactory(category=category, title=f"Topic {n}")
        PostFactory(topic=topic)
    client.force_login(member)
    # Session and user chrome (7) + group, role, counts, recent members, feed (joins and
    # the forum's posts), map (11): the same for 3 topics or 40.
    client.get(f"/groups/{group.slug}/")  # the site's structure cached, as on a server
    with django_assert_max_num_queries(19):
        response = client.get(f"/groups/{group.slug}/")
    assert response.status_code == 200
    assert "replied to “Topic" in response.content.decode()
