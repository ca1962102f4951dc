import pytest
from django.urls import reverse

from community.models import Group
from forums import services
from forums.models import Category, Flag, ModerationAction, Post, Reaction

from .factories import (
    CategoryFactory,
    GroupFactory,
    LiveRoomFactory,
    MembershipFactory,
    PostFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_index_lists_visible_categories_with_topic_counts(client):
    CategoryFactory(name="Remittances")
    TopicFactory(category=CategoryFactory(name="Labour migration"))
    CategoryFactory(name="Hidden cabal", group=GroupFactory(privacy=Group.Privacy.SECRET))
    response = client.get(reverse("forums:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Remittances" in html
    assert "Labour migration" in html
    assert "Hidden cabal" not in html


def test_category_shows_topics_pinned_first_with_unread_markers(client, member, other_member):
    category = CategoryFactory()
    old = TopicFactory(category=category, title="Old but pinned", pinned=True)
    read = TopicFactory(category=category, title="Already read")
    client.force_login(member)
    client.get(read.get_absolute_url())
    PostFactory(topic=read, author=other_member)
    read.last_post = read.posts.last()
    read.save()
    html = client.get(category.get_absolute_url()).content.decode()
    assert html.index("Old but pinned") < html.index("Already read")
    assert "Unread replies" in html
    assert old.title in html


def test_topic_page_shows_posts_and_marks_them_read(client, member):
    topic = TopicFactory(first_post="Opening **question**")
    client.force_login(member)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "<strong>question</strong>" in response.content.decode()
    assert member.forum_read_states.get(topic=topic).last_read_post_id == topic.last_post_id


def test_topic_in_private_group_is_404_for_non_members(client, member):
    topic = TopicFactory(category__group=GroupFactory(privacy=Group.Privacy.PRIVATE))
    client.force_login(member)
    assert client.get(topic.get_absolute_url()).status_code == 404
    MembershipFactory(group=topic.category.group, user=member)
    assert client.get(topic.get_absolute_url()).status_code == 200


def test_secret_group_topic_is_404_for_anonymous(client):
    topic = TopicFactory(category__group=GroupFactory(privacy=Group.Privacy.SECRET))
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_short_topic_url_redirects_to_canonical(client):
    topic = TopicFactory(title="Seasonal schemes")
    response = client.get(f"/forums/t/{topic.pk}/")
    assert response.status_code == 301
    assert response["Location"] == topic.get_absolute_url()


def _topic_with_posts(n_posts: int, member, other_member):
    from django.core.files.base import ContentFile

    from forums.models import Attachment
    from tests.community.factories import UserFactory

    topic = TopicFactory()
    for i in range(n_posts - 1):
        post = PostFactory(topic=topic, author=UserFactory() if i % 3 else other_member)
        Reaction.objects.create(post=post, user=member, kind="helpful")
        Reaction.objects.create(post=post, user=other_member, kind="thanks")
        if i % 5 == 0:
            attachment = Attachment(
                post=post,
                original_name="a.pdf",
                kind="document",
                content_type="application/pdf",
                size=9,
            )
            attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    topic.last_post = topic.posts.last()
    topic.save()
    return topic


@pytest.mark.parametrize("n_posts", [1, 200])
def test_topic_page_runs_a_fixed_number_of_queries(
    client, member, other_member, django_assert_num_queries, n_posts
):
    """Whatever the authors, reactions or attachments, a topic with one post and a
    topic with 200 (a full page of 20 shown) cost the same number of queries."""
    topic = _topic_with_posts(n_posts, member, other_member)
    client.force_login(member)
    client.get(topic.get_absolute_url())  # the read state exists from now on
    with django_assert_num_queries(17):  # 16 + the notification bell in the header
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<article class="post') == min(n_posts, 20)


def test_new_topic_form_creates_topic_and_redirects(client, member):
    category = CategoryFactory()
    client.force_login(member)
    response = client.post(
        reverse("forums:topic_create", args=[category.slug]),
        {"title": "Financial education", "body": "For families at home"},
    )
    topic = category.topics.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()


def test_new_topic_with_script_title_is_escaped_on_the_page(client, member):
    category = CategoryFactory()
    client.force_login(member)
    client.post(
        reverse("forums:topic_create", args=[category.slug]),
        {"title": "<script>alert(1)</script>", "body": "x"},
    )
    html = client.get(category.topics.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_new_topic_with_missing_fields_answers_400_with_errors(client, member):
    category = CategoryFactory()
    client.force_login(member)
    response = client.post(reverse("forums:topic_create", args=[category.slug]), {"title": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not category.topics.exists()


def test_new_topic_in_invisible_category_is_404(client, member):
    category = CategoryFactory(group=GroupFactory(privacy=Group.Privacy.PRIVATE))
    client.force_login(member)
    response = client.post(
        reverse("forums:topic_create", args=[category.slug]), {"title": "x", "body": "y"}
    )
    assert response.status_code == 404


def test_reply_to_locked_topic_answers_400_and_stores_nothing(client, member):
    topic = TopicFactory(locked=True)
    client.force_login(member)
    response = client.post(reverse("forums:post_create", args=[topic.pk]), {"body": "Hello"})
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert topic.posts.count() == 1


def test_reply_redirects_to_the_new_post(client, member):
    topic = TopicFactory()
    client.force_login(member)
    response = client.post(reverse("forums:post_create", args=[topic.pk]), {"body": "Hello"})
    post = topic.posts.last()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")


def test_oversized_upload_answers_400(client, member, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.FORUMS_ATTACHMENT_MAX_BYTES = 10
    topic = TopicFactory()
    client.force_login(member)
    response = client.post(
        reverse("forums:post_create", args=[topic.pk]),
        {"body": "x", "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4 " + b"0" * 50)},
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert topic.posts.count() == 1


def test_quote_prefills_reply_with_the_quoted_post(client, member, other_member):
    topic = TopicFactory()
    post = PostFactory(topic=topic, author=other_member, body="Keep it anonymous")
    client.force_login(member)
    html = client.get(topic.get_absolute_url(), {"quote": post.pk}).content.decode()
    assert f"&gt; **@{other_member.handle}** wrote:" in html
    assert "&gt; Keep it anonymous" in html


def test_reaction_form_toggles(client, member, other_member):
    post = PostFactory(author=other_member)
    client.force_login(member)
    client.post(reverse("forums:post_react", args=[post.pk]), {"kind": "helpful"})
    assert Reaction.objects.filter(post=post, user=member).exists()


def test_edit_own_post_and_not_others(client, member, other_member):
    mine, theirs = PostFactory(author=member), PostFactory(author=other_member)
    client.force_login(member)
    response = client.post(reverse("forums:post_edit", args=[mine.pk]), {"body": "Better"})
    assert response.status_code == 302
    assert Post.objects.get(pk=mine.pk).body == "Better"
    assert client.get(reverse("forums:post_edit", args=[theirs.pk])).status_code == 403


def test_history_is_for_moderators_only(client, member, moderator):
    post = PostFactory(author=member, body="v1")
    client.force_login(member)
    client.post(reverse("forums:post_edit", args=[post.pk]), {"body": "v2"})
    assert client.get(reverse("forums:post_history", args=[post.pk])).status_code == 403
    client.force_login(moderator)
    response = client.get(reverse("forums:post_history", args=[post.pk]))
    assert response.status_code == 200
    assert "v1" in response.content.decode()


def test_moderator_hides_post_with_reason_and_members_see_the_reason(client, member, moderator):
    post = PostFactory(body="Buy cheap visas")
    client.force_login(moderator)
    response = client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": "Spam"})
    assert response.status_code == 302
    client.force_login(member)
    html = client.get(post.topic.get_absolute_url()).content.decode()
    assert "Buy cheap visas" not in html
    assert "Reason: Spam" in html


def test_member_cannot_use_moderator_tools(client, member):
    topic = TopicFactory()
    client.force_login(member)
    assert (
        client.post(
            reverse("forums:topic_moderate", args=[topic.pk]), {"action": "lock"}
        ).status_code
        == 403
    )
    assert client.get(reverse("forums:flag_queue")).status_code == 403
    assert client.get(reverse("forums:moderation_log")).status_code == 403


def test_moderator_locks_topic_and_the_log_shows_it(client, moderator):
    topic = TopicFactory(title="Heated thread")
    client.force_login(moderator)
    client.post(
        reverse("forums:topic_moderate", args=[topic.pk]), {"action": "lock", "reason": "Cool down"}
    )
    topic.refresh_from_db()
    assert topic.locked
    html = client.get(reverse("forums:moderation_log")).content.decode()
    assert "Heated thread" in html
    assert "Cool down" in html


def test_moderator_renames_a_topic_and_the_page_and_log_show_it(client, moderator):
    topic = TopicFactory(title="Question")
    client.force_login(moderator)
    response = client.post(
        reverse("forums:topic_moderate", args=[topic.pk]),
        {"action": "rename", "title": "Which skills are recognised abroad?"},
    )
    assert response.status_code == 302
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "<h1" in html
    assert "Which skills are recognised abroad?</h1>" in html
    assert ModerationAction.objects.get(topic=topic).action == ModerationAction.Action.RENAME


def test_renaming_a_topic_to_nothing_is_refused_with_a_message(client, moderator):
    topic = TopicFactory(title="Question")
    client.force_login(moderator)
    response = client.post(
        reverse("forums:topic_moderate", args=[topic.pk]),
        {"action": "rename", "title": "   "},
        follow=True,
    )
    topic.refresh_from_db()
    assert topic.title == "Question"
    assert "Give the topic a title." in response.content.decode()


def test_flag_then_moderator_upholds_from_the_queue(client, member, moderator, other_member):
    post = PostFactory(author=other_member, body="Rude words")
    client.force_login(member)
    response = client.post(reverse("forums:post_flag", args=[post.pk]), {"reason": "abuse"})
    assert response.status_code == 302
    client.force_login(moderator)
    queue = client.get(reverse("forums:flag_queue")).content.decode()
    assert "Rude words" in queue
    flag = Flag.objects.get()
    client.post(
        reverse("forums:flag_resolve", args=[flag.pk]), {"decision": "uphold", "note": "Abuse"}
    )
    post.refresh_from_db()
    assert post.hidden
    assert ModerationAction.objects.filter(action="resolve_flag").exists()


def test_flag_form_of_a_hidden_post_shows_the_note_not_the_body(client, member, staff):
    post = PostFactory(body="Buy cheap visas here")
    services.post_hide(post=post, actor=staff, reason="Spam")
    client.force_login(member)
    response = client.get(reverse("forums:post_flag", args=[post.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Buy cheap visas here" not in html
    assert "This post was hidden by a moderator." in html


def test_flag_form_of_a_hidden_post_shows_the_body_to_its_moderators(client, moderator, staff):
    post = PostFactory(body="Buy cheap visas here")
    services.post_hide(post=post, actor=staff, reason="Spam")
    client.force_login(moderator)
    html = client.get(reverse("forums:post_flag", args=[post.pk])).content.decode()
    assert "Buy cheap visas here" in html


def test_hidden_post_cannot_be_flagged_again(client, member, staff):
    post = PostFactory(body="Buy cheap visas here")
    services.post_hide(post=post, actor=staff, reason="Spam")
    client.force_login(member)
    response = client.post(reverse("forums:post_flag", args=[post.pk]), {"reason": "spam"})
    assert response.status_code == 400
    assert "Buy cheap visas here" not in response.content.decode()
    assert not Flag.objects.exists()


def test_group_moderator_sees_only_their_groups_flags(client, member, other_member):
    group = GroupFactory()
    MembershipFactory(group=group, user=member, role="moderator")
    ours = PostFactory(topic=TopicFactory(category__group=group), body="Ours")
    elsewhere = PostFactory(body="Elsewhere")
    Flag.objects.create(post=ours, reporter=other_member, reason="spam")
    Flag.objects.create(post=elsewhere, reporter=other_member, reason="spam")
    client.force_login(member)
    html = client.get(reverse("forums:flag_queue")).content.decode()
    assert "Ours" in html
    assert "Elsewhere" not in html


def test_accept_answer_shows_badge(client, member, other_member):
    topic = TopicFactory(category__kind=Category.Kind.QA, author=member)
    answer = PostFactory(topic=topic, author=other_member)
    client.force_login(member)
    client.post(reverse("forums:post_accept", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.is_accepted


def test_attachment_of_private_group_is_404_for_outsiders(client, member):
    from django.core.files.base import ContentFile

    from forums.models import Attachment

    post = PostFactory(topic=TopicFactory(category__group=GroupFactory(privacy="private")))
    attachment = Attachment(
        post=post, original_name="plan.pdf", kind="document", content_type="application/pdf", size=9
    )
    attachment.file.save("x.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    client.force_login(member)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    MembershipFactory(group=post.topic.category.group, user=member)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_room_page_shows_history_and_posts_without_js(client, member):
    room = LiveRoomFactory(name="Workshop back-channel")
    client.force_login(member)
    response = client.post(reverse("forums:room_post", args=[room.slug]), {"body": "Hello room"})
    assert response.status_code == 302
    html = client.get(room.get_absolute_url()).content.decode()
    assert "Hello room" in html
    assert "forum-live.js" in html


def test_secret_group_room_is_404_for_outsiders(client, member):
    room = LiveRoomFactory(group=GroupFactory(privacy=Group.Privacy.SECRET))
    client.force_login(member)
    assert client.get(room.get_absolute_url()).status_code == 404
    assert room.name not in client.get(reverse("forums:room_list")).content.decode()


def test_topics_linked_to_an_inventory_item_respect_visibility(member):
    from forums.selectors import topics_linked_to
    from inventory.models import InventoryItem

    item = InventoryItem.objects.create(external_id="inv-x", title="Toolbox", kind="tool")
    public = TopicFactory(inventory_item=item)
    TopicFactory(inventory_item=item, category__group=GroupFactory(privacy="private"))
    assert list(topics_linked_to(viewer=member, obj=item)) == [public]


def test_pages_have_one_h1_and_no_inline_script(client, member):
    topic = TopicFactory()
    client.force_login(member)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert "<script>" not in html
    assert " onclick=" not in html
