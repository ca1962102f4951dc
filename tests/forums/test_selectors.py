"""Forum selectors answer "not found" in their own terms (``core.exceptions.NotFound``),
not with ``Http404``; the site turns it into its 404 page in one place."""

import pytest
from django.http import Http404

from community.models import Group
from core.exceptions import NotFound
from forums import selectors

from .factories import CategoryFactory, GroupFactory, LiveRoomFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _secret_topic():
    return TopicFactory(category=CategoryFactory(group=GroupFactory(privacy=Group.Privacy.SECRET)))


def test_a_secret_topic_is_not_found_by_the_selector_not_by_http(member):
    topic = _secret_topic()
    with pytest.raises(NotFound) as caught:
        selectors.topic_get(viewer=member, pk=topic.pk)
    assert not isinstance(caught.value, Http404)


@pytest.mark.parametrize(
    ("lookup", "make"),
    [
        ("category_get", lambda: {"slug": _secret_topic().category.slug}),
        ("post_get", lambda: {"pk": PostFactory(topic=_secret_topic()).pk}),
        (
            "room_get",
            lambda: {
                "slug": LiveRoomFactory(group=GroupFactory(privacy=Group.Privacy.SECRET)).slug
            },
        ),
    ],
)
def test_every_forum_look_up_raises_not_found(member, lookup, make):
    with pytest.raises(NotFound):
        getattr(selectors, lookup)(viewer=member, **make())


def test_a_secret_topic_page_is_the_sites_404(client, member):
    topic = _secret_topic()
    client.force_login(member)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 404


def test_a_missing_post_permalink_is_the_sites_404(client, member):
    client.force_login(member)
    assert client.get("/forums/p/987654/").status_code == 404
