"""The index follows every change of what a document shows, after the commit, on both
backends: replies, edits, hides, deletions, moves, privacy changes, and bulk rewrites
announced through ``search.updates.index_after_commit``."""

import pytest

from community import services as community_services
from community.models import Group, Membership
from forums import services
from forums.models import Post
from tests.forums.factories import CategoryFactory, GroupFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    request.getfixturevalue("db_backend" if request.param == "database" else "es")
    return request.param


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write and its after-commit work (indexing), as a request would."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


def _found(client, q: str) -> list[str]:
    """Titles the API finds for ``q``; the search page shows the same ones."""
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200
    titles = [hit["title"] for hit in response.json()["results"]]
    page = client.get("/search/", {"q": q}).content.decode()
    for title in titles:
        assert title in page
    return titles


@pytest.fixture
def topic(backend, committed, member):
    category = CategoryFactory(name="Seasonal work", slug="seasonal-work")
    return committed(
        services.topic_create,
        category=category,
        author=member,
        title="Visas for seasonal workers",
        body="How long do zephyrine permits take?",
        rate_limit=False,
    )


def test_a_reply_is_found_as_soon_as_it_is_posted(client, topic, committed, other_member):
    committed(
        services.post_create,
        topic=topic,
        author=other_member,
        body="Our quillwort scheme took six weeks.",
        rate_limit=False,
    )

    assert _found(client, "quillwort") == ["Visas for seasonal workers"]


def test_an_edited_post_is_found_by_its_new_text_only(client, topic, committed, member):
    committed(
        services.post_edit,
        post=topic.posts.get(),
        editor=member,
        body="How long do marlinspike permits take?",
    )

    assert _found(client, "zephyrine") == []
    assert _found(client, "marlinspike") == ["Visas for seasonal workers"]


def test_a_hidden_reply_leaves_the_results_until_it_is_shown_again(
    client, topic, committed, other_member, moderator
):
    reply = committed(
        services.post_create,
        topic=topic,
        author=other_member,
        body="Our quillwort scheme took six weeks.",
        rate_limit=False,
    )

    committed(services.post_hide, post=reply, actor=moderator, reason="Spam")
    assert _found(client, "quillwort") == []

    committed(services.post_unhide, post=reply, actor=moderator)
    assert _found(client, "quillwort") == ["Visas for seasonal workers"]


def test_a_deleted_reply_leaves_the_results(client, topic, committed, other_member):
    reply = committed(
        services.post_create,
        topic=topic,
        author=other_member,
        body="Our quillwort scheme took six weeks.",
        rate_limit=False,
    )

    committed(Post.objects.filter(pk=reply.pk).delete)

    assert _found(client, "quillwort") == []
    assert _found(client, "zephyrine") == ["Visas for seasonal workers"]


def test_text_rewritten_in_bulk_reaches_the_index_when_announced(
    client, topic, committed, other_member
):
    """What account deletion does to a member's posts: a queryset update, announced to
    search with the public function."""
    from search.updates import index_after_commit

    committed(
        services.post_create,
        topic=topic,
        author=other_member,
        body="Our quillwort scheme took six weeks.",
        rate_limit=False,
    )

    def anonymise():
        posts = Post.objects.filter(author=other_member)
        index_after_commit(posts)
        posts.update(body="(removed)", body_html="<p>(removed)</p>")

    committed(anonymise)

    assert _found(client, "quillwort") == []
    assert _found(client, "zephyrine") == ["Visas for seasonal workers"]


@pytest.fixture
def private_category(db):
    group = GroupFactory(name="Sahel mayors", slug="sahel-mayors", privacy=Group.Privacy.PRIVATE)
    return CategoryFactory(name="Mayors only", slug="mayors-only", group=group)


def test_a_topic_moved_into_a_private_group_leaves_outsiders_results(
    client, topic, committed, moderator, other_member, private_category
):
    committed(services.topic_move, topic=topic, actor=moderator, category=private_category)

    client.force_login(other_member)
    assert _found(client, "zephyrine") == []
    client.force_login(moderator)
    assert _found(client, "zephyrine") == ["Visas for seasonal workers"]


def test_a_category_handed_to_a_private_group_takes_its_topics_along(
    client, topic, committed, other_member, private_category
):
    category = topic.category
    category.group = private_category.group

    committed(category.save)

    client.force_login(other_member)
    assert _found(client, "zephyrine") == []
    Membership.objects.create(group=private_category.group, user=other_member)
    assert _found(client, "zephyrine") == ["Visas for seasonal workers"]


def test_a_group_turning_private_takes_its_topics_out_of_outsiders_results(
    client, backend, committed, member, other_member
):
    group = GroupFactory(name="Coastal towns", slug="coastal-towns", privacy=Group.Privacy.PUBLIC)
    MembershipFactory(group=group, user=member, role=Membership.Role.OWNER)
    category = CategoryFactory(name="Coastal forum", slug="coastal-forum", group=group)
    committed(
        services.topic_create,
        category=category,
        author=member,
        title="Sea-level relocation plans",
        body="Which towns drafted halophyte plans?",
        rate_limit=False,
    )
    client.force_login(other_member)
    assert _found(client, "halophyte") == ["Sea-level relocation plans"]

    committed(
        community_services.group_update,
        group=group,
        actor=member,
        privacy=Group.Privacy.PRIVATE,
    )

    assert _found(client, "halophyte") == []
    client.force_login(member)
    assert _found(client, "halophyte") == ["Sea-level relocation plans"]
