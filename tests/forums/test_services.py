import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Group, Notification
from forums import services
from forums.models import Category, Flag, ModerationAction, Post, PostRevision, Reaction, Topic
from tests.community.factories import UserFactory

from .factories import CategoryFactory, GroupFactory, MembershipFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_topic_create_stores_topic_first_post_and_watch(member):
    category = CategoryFactory()
    topic = services.topic_create(
        category=category, author=member, title="  Orientation  <b>tests</b> ", body="**Hi**"
    )
    assert topic.title == "Orientation <b>tests</b>"
    post = topic.posts.get()
    assert post.body_html == "<p><strong>Hi</strong></p>"
    assert topic.last_post == post
    assert topic.reply_count == 0
    assert member.follows.filter(object_id=topic.pk).exists()


def test_topic_create_refuses_empty_title_and_body(member):
    with pytest.raises(ValidationError) as exc:
        services.topic_create(category=CategoryFactory(), author=member, title=" ", body="  ")
    assert set(exc.value.message_dict) == {"title", "body"}
    assert not Topic.objects.exists()


def test_topic_create_in_a_private_group_category_is_refused_to_non_members(member):
    category = CategoryFactory(group=GroupFactory(privacy=Group.Privacy.PRIVATE))
    with pytest.raises(Category.DoesNotExist):
        services.topic_create(category=category, author=member, title="T", body="B")
    assert not Topic.objects.exists()


def test_post_create_sanitises_script_injection(member):
    topic = TopicFactory()
    post = services.post_create(
        topic=topic,
        author=member,
        body="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> ok",
    )
    assert "<script" not in post.body_html
    assert "javascript:" not in post.body_html
    assert "onerror" not in post.body_html
    assert "ok" in post.body_html


def test_post_links_get_nofollow_ugc(member):
    post = services.post_create(
        topic=TopicFactory(), author=member, body="[a](https://example.org)"
    )
    assert 'rel="nofollow ugc noopener"' in post.body_html


def test_post_create_updates_topic_counters(member):
    topic = TopicFactory()
    post = services.post_create(topic=topic, author=member, body="Reply")
    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert topic.last_post == post


def test_post_create_refuses_oversized_body(member, settings):
    settings.FORUMS_POST_MAX_CHARS = 50
    with pytest.raises(ValidationError) as exc:
        services.post_create(topic=TopicFactory(), author=member, body="x" * 51)
    assert "limit is 50" in exc.value.message_dict["body"][0]
    assert Post.objects.count() == 1


def test_post_create_refuses_locked_topic(member):
    topic = TopicFactory(locked=True)
    with pytest.raises(ValidationError) as exc:
        services.post_create(topic=topic, author=member, body="Reply")
    assert "locked" in exc.value.message_dict["body"][0]
    assert topic.posts.count() == 1


def test_post_create_refuses_closed_topic_but_moderators_may_post(member, moderator):
    topic = TopicFactory(closed=True)
    with pytest.raises(ValidationError):
        services.post_create(topic=topic, author=member, body="Reply")
    services.post_create(topic=topic, author=moderator, body="Closing note")
    assert topic.posts.count() == 2


def test_post_create_in_invisible_topic_is_refused_as_if_missing(member):
    topic = TopicFactory(category__group=GroupFactory(privacy=Group.Privacy.SECRET))
    with pytest.raises(Topic.DoesNotExist):
        services.post_create(topic=topic, author=member, body="Reply")
    assert topic.posts.count() == 1


def test_mention_links_the_member_and_notifies_them(member, other_member):
    topic = TopicFactory()
    post = services.post_create(topic=topic, author=member, body=f"Ask @{other_member.handle} here")
    assert f'href="/members/{other_member.handle}/"' in post.body_html
    note = Notification.objects.get(recipient=other_member)
    assert note.verb == Notification.Verb.MENTION
    assert note.url == post.get_absolute_url()


def test_mention_of_unknown_handle_or_script_stays_text(member):
    post = services.post_create(
        topic=TopicFactory(), author=member, body="@nobody @<script>alert(1)</script>"
    )
    assert "<a" not in post.body_html
    assert "<script" not in post.body_html
    assert not Notification.objects.exists()


def test_mention_in_a_private_group_does_not_notify_non_members(member, other_member):
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=member)
    topic = TopicFactory(category__group=group, author=member)
    services.post_create(topic=topic, author=member, body=f"@{other_member.handle} see this")
    assert not Notification.objects.filter(recipient=other_member).exists()


def test_reply_notifies_topic_watchers_but_not_the_author(member, other_member):
    topic = services.topic_create(
        category=CategoryFactory(), author=other_member, title="Question", body="?"
    )
    services.post_create(topic=topic, author=member, body="Answer")
    assert Notification.objects.filter(
        recipient=other_member, verb=Notification.Verb.REPLY
    ).exists()
    assert not Notification.objects.filter(recipient=member).exists()


def test_watching_a_category_notifies_of_new_topics(member, other_member):
    category = CategoryFactory()
    services.watch_set(user=other_member, target=category, watching=True)
    services.topic_create(category=category, author=member, title="New", body="Body")
    note = Notification.objects.get(recipient=other_member)
    assert note.verb == Notification.Verb.NEW_CONTENT


def test_post_edit_keeps_revision_and_marks_edited(member):
    post = PostFactory(author=member, body="First text")
    services.post_edit(post=post, editor=member, body="Second text", reason="typo")
    post.refresh_from_db()
    assert post.body == "Second text"
    assert post.edited_at is not None
    assert post.edit_count == 1
    revision = PostRevision.objects.get(post=post)
    assert revision.body == "First text"
    assert revision.reason == "typo"


def test_post_edit_by_someone_else_is_refused(member, other_member):
    post = PostFactory(author=member)
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, editor=other_member, body="Hijack")


def test_moderator_edit_is_audited(member, moderator):
    post = PostFactory(author=member)
    services.post_edit(post=post, editor=moderator, body="Removed a phone number")
    assert ModerationAction.objects.get().action == ModerationAction.Action.EDIT_POST


def test_reaction_toggle_adds_then_removes(member, other_member):
    post = PostFactory(author=other_member)
    assert services.reaction_toggle(post=post, user=member, kind="helpful") is True
    assert Reaction.objects.filter(post=post, kind="helpful").count() == 1
    assert services.reaction_toggle(post=post, user=member, kind="helpful") is False
    assert not Reaction.objects.exists()


def test_reaction_to_own_post_or_unknown_kind_is_refused(member, other_member):
    with pytest.raises(ValidationError):
        services.reaction_toggle(post=PostFactory(author=member), user=member, kind="helpful")
    with pytest.raises(ValidationError):
        services.reaction_toggle(post=PostFactory(author=other_member), user=member, kind="love")


def test_answer_accept_by_asker_in_qa_category(member, other_member):
    topic = TopicFactory(category__kind=Category.Kind.QA, author=member)
    answer = PostFactory(topic=topic, author=other_member)
    assert services.answer_accept(post=answer, actor=member) is True
    answer.refresh_from_db()
    assert answer.is_accepted
    other = PostFactory(topic=topic, author=other_member)
    services.answer_accept(post=other, actor=member)
    assert list(topic.posts.filter(is_accepted=True)) == [other]


def test_answer_accept_refused_for_others_and_in_discussions(member, other_member):
    topic = TopicFactory(category__kind=Category.Kind.QA, author=member)
    with pytest.raises(PermissionDenied):
        services.answer_accept(post=PostFactory(topic=topic), actor=other_member)
    discussion = TopicFactory(author=member)
    with pytest.raises(ValidationError):
        services.answer_accept(post=PostFactory(topic=discussion), actor=member)


def test_post_hide_requires_reason_and_moderator(member, moderator):
    post = PostFactory()
    with pytest.raises(PermissionDenied):
        services.post_hide(post=post, actor=member, reason="spam")
    with pytest.raises(ValidationError):
        services.post_hide(post=post, actor=moderator, reason=" ")
    services.post_hide(post=post, actor=moderator, reason="Advertising")
    post.refresh_from_db()
    assert post.hidden
    assert post.hidden_reason == "Advertising"
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.post) == ("hide_post", moderator, post)


def test_group_moderator_moderates_only_their_group(member):
    group = GroupFactory()
    MembershipFactory(group=group, user=member, role="moderator")
    services.topic_pin(topic=TopicFactory(category__group=group), actor=member)
    with pytest.raises(PermissionDenied):
        services.topic_pin(topic=TopicFactory(), actor=member)


def test_topic_pin_lock_close_are_audited(moderator):
    topic = TopicFactory()
    services.topic_pin(topic=topic, actor=moderator, reason="FAQ")
    services.topic_lock(topic=topic, actor=moderator)
    services.topic_close(topic=topic, actor=moderator)
    topic.refresh_from_db()
    assert topic.pinned
    assert topic.locked
    assert topic.closed
    assert set(ModerationAction.objects.values_list("action", flat=True)) == {
        "pin",
        "lock",
        "close",
    }


def test_topic_move_changes_category(moderator):
    topic, target = TopicFactory(), CategoryFactory()
    services.topic_move(topic=topic, actor=moderator, category=target, reason="Better fit")
    topic.refresh_from_db()
    assert topic.category == target
    assert ModerationAction.objects.get().details["to"] == target.slug


def test_topic_split_moves_replies_into_a_new_topic(moderator, member):
    topic = TopicFactory()
    keep = PostFactory(topic=topic)
    move = [PostFactory(topic=topic, author=member), PostFactory(topic=topic)]
    new = services.topic_split(topic=topic, actor=moderator, posts=move, title="Side question")
    assert list(new.posts.order_by("pk")) == move
    assert new.author == member
    assert new.reply_count == 1
    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert topic.last_post == keep


def test_topic_split_refuses_the_first_post(moderator):
    topic = TopicFactory()
    with pytest.raises(ValidationError):
        services.topic_split(topic=topic, actor=moderator, posts=[topic.posts.first()], title="X")


def test_flag_create_once_per_member_and_resolve_hides(member, moderator, other_member):
    post = PostFactory(author=other_member)
    flag = services.flag_create(post=post, reporter=member, reason="spam")
    with pytest.raises(ValidationError):
        services.flag_create(post=post, reporter=member, reason="spam")
    services.flag_resolve(flag=flag, actor=moderator, upheld=True, note="Advertising")
    flag.refresh_from_db()
    post.refresh_from_db()
    assert flag.status == Flag.Status.UPHELD
    assert post.hidden
    assert post.hidden_reason == "Advertising"
    actions = set(ModerationAction.objects.values_list("action", flat=True))
    assert actions == {"hide_post", "resolve_flag"}


def test_flag_dismiss_leaves_the_post(member, moderator):
    post = PostFactory()
    flag = services.flag_create(post=post, reporter=member, reason="off_topic")
    services.flag_resolve(flag=flag, actor=moderator, upheld=False)
    post.refresh_from_db()
    assert not post.hidden
    assert Flag.objects.get().status == Flag.Status.DISMISSED


def test_attachment_image_checked_by_content_is_stored(member):
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    post = services.post_create(
        topic=TopicFactory(), author=member, body="See", attachments=[upload]
    )
    attachment = post.attachments.get()
    assert attachment.kind == "image"
    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")
    assert "photo" not in attachment.file.name


def test_attachment_disguised_as_pdf_is_refused_and_nothing_stored(member):
    upload = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        services.post_create(topic=TopicFactory(), author=member, body="See", attachments=[upload])
    assert "not a file type we accept" in exc.value.message_dict["attachments"][0]
    assert Post.objects.count() == 1


def test_attachment_over_the_size_cap_is_refused(member, settings):
    settings.FORUMS_ATTACHMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 200)
    with pytest.raises(ValidationError) as exc:
        services.post_create(topic=TopicFactory(), author=member, body="x", attachments=[upload])
    assert "too large" in exc.value.message_dict["attachments"][0]


def test_post_rate_limit_refuses_a_flood(member, settings):
    settings.FORUMS_POST_RATE = (3, 60)
    topic = TopicFactory()
    for i in range(3):
        services.post_create(topic=topic, author=member, body=f"Reply {i}")
    with pytest.raises(ValidationError) as exc:
        services.post_create(topic=topic, author=member, body="One too many")
    assert "quickly" in exc.value.message_dict["body"][0]
    assert topic.posts.count() == 4


def test_room_message_create_refuses_oversized_and_closed(member, settings):
    from .factories import LiveRoomFactory

    settings.FORUMS_ROOM_MESSAGE_MAX_CHARS = 10
    room = LiveRoomFactory()
    with pytest.raises(ValidationError):
        services.room_message_create(room=room, author=member, body="x" * 11)
    room.is_open = False
    room.save()
    with pytest.raises(ValidationError):
        services.room_message_create(room=room, author=member, body="hi")
    assert not room.messages.exists()


def test_unauthorised_user_instance_cannot_write(member):
    user = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.post_create(topic=TopicFactory(), author=user, body="x")
