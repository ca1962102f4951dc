"""Comments on case studies (django-comments-xtd underneath): posting, threading, bad
input, notifications with one-click unsubscribe, editing within a window, moderation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from casestudies.models import CommentEdit
from tests.casestudies.factories import CaseStudyPageFactory, comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(index):
    return CaseStudyPageFactory(title="Pre-departure orientation", slug="pdos")


def _post(client, page, text, **extra):
    return client.post(f"/comments/post/{page.pk}/", {"comment": text, **extra})


def test_signed_in_member_posts_a_comment_rendered_from_markdown(client, member, page):
    client.force_login(member)
    response = _post(client, page, "We tried this in **Ethiopia**.")
    assert response.status_code == 302
    created = XtdComment.objects.get()
    assert response["Location"] == f"/case-studies/pdos/#c{created.pk}"
    html = client.get(page.url).content.decode()
    assert "We tried this in <strong>Ethiopia</strong>." in html
    assert "Mateo Member" in html


def test_anonymous_visitor_cannot_comment(client, page):
    response = _post(client, page, "Hello")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not XtdComment.objects.exists()
    assert "Sign in to comment" in client.get(page.url).content.decode()


def test_comments_on_unpublished_pages_are_refused(client, member, index):
    draft = CaseStudyPageFactory(publish=False)
    client.force_login(member)
    assert _post(client, draft, "Hello").status_code == 404


def test_script_event_handlers_and_javascript_links_are_sanitised(client, member, page):
    client.force_login(member)
    _post(
        client,
        page,
        '<script>alert("x")</script>Hi <img src=x onerror="alert(1)"> '
        '[click](javascript:alert(1)) <a href="#" onclick="steal()">link</a>',
    )
    html = client.get(page.url).content.decode()
    body = html.split('id="comments"')[1]
    assert "<script>alert" not in body
    assert "onerror" not in body
    assert "onclick" not in body
    assert "javascript:" not in body
    assert "Hi" in body


def test_empty_comment_is_refused_with_a_message(client, member, page):
    client.force_login(member)
    response = _post(client, page, "   \n  ")
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()
    assert not XtdComment.objects.exists()


def test_comment_of_only_markup_that_renders_to_nothing_is_refused(client, member, page):
    client.force_login(member)
    response = _post(client, page, "<script>alert(1)</script>")
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()


def test_oversized_comment_is_refused_with_a_message(client, member, page):
    client.force_login(member)
    response = _post(client, page, "x" * 3001)
    assert response.status_code == 400
    assert "Comments are limited to 3000 characters (this one has 3001)." in (
        response.content.decode()
    )
    assert not XtdComment.objects.exists()


def test_reply_is_threaded_under_its_parent(client, member, other_member, page):
    parent = comment(page, user=other_member, text="Has anyone costed this?")
    client.force_login(member)
    _post(client, page, "Around USD 40 per worker.", reply_to=parent.pk)
    reply = XtdComment.objects.exclude(pk=parent.pk).get()
    assert reply.parent_id == parent.pk
    assert reply.level == 1
    html = client.get(page.url).content.decode()
    assert html.index("Has anyone costed this?") < html.index("Around USD 40 per worker.")
    assert 'class="comment-list comment-list--replies"' in html


def test_reply_to_a_comment_on_another_page_is_refused(client, member, page):
    other_page = CaseStudyPageFactory(title="Another case")
    foreign = comment(other_page, text="Elsewhere")
    client.force_login(member)
    response = _post(client, page, "Sneaky reply", reply_to=foreign.pk)
    assert response.status_code == 400
    assert "You can only reply to a comment shown on this page." in response.content.decode()
    assert XtdComment.objects.count() == 1


def test_threads_stop_at_the_maximum_depth(client, member, page, settings):
    level0 = comment(page, text="Level 0")
    level1 = comment(page, text="Level 1", parent=level0)
    level2 = comment(page, text="Level 2", parent=level1)
    level3 = comment(page, text="Level 3", parent=level2)
    assert level3.level == 3 == settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    client.force_login(member)
    response = _post(client, page, "Too deep", reply_to=level3.pk)
    assert response.status_code == 400
    assert "as deep as it can go" in response.content.decode()
    html = client.get(page.url).content.decode()
    assert f"?reply_to={level2.pk}#comment-form" in html
    assert f"?reply_to={level3.pk}#comment-form" not in html


def test_reply_link_prefills_the_form_with_the_parent(client, member, page):
    parent = comment(page, text="What did it cost?")
    client.force_login(member)
    html = client.get(f"{page.url}?reply_to={parent.pk}").content.decode()
    assert f'name="reply_to" value="{parent.pk}"' in html
    assert "Replying to:" in html


def test_followers_are_emailed_with_a_one_click_unsubscribe(
    client, member, other_member, page, django_capture_on_commit_callbacks
):
    comment(page, user=other_member, text="Following this", followup=True)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, "New experience from **Nepal**")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [other_member.email]
    assert "Pre-departure orientation" in message.subject
    assert "New experience from Nepal" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body

    client.logout()
    response = client.get(unsubscribe.replace("http://testserver", ""))
    assert response.status_code == 200
    assert "You will no longer receive these emails" in response.content.decode()
    assert not XtdComment.objects.filter(user_email=other_member.email, followup=True).exists()

    mail.outbox.clear()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, "Another one")
    assert mail.outbox == []


def test_comment_email_links_are_on_the_configured_public_address(
    client, member, other_member, page, public_site, django_capture_on_commit_callbacks
):
    comment(page, user=other_member, text="Following this", followup=True)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/comments/post/{page.pk}/", {"comment": "Nepal"}, HTTP_HOST="localhost")
    message = mail.outbox[0]
    assert f"{public_site}/case-studies/{page.slug}/#c" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{public_site}/")
    assert "http://localhost" not in message.body


def test_authors_are_not_notified_of_their_own_comments(
    client, member, page, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, "First", followup="on")
        _post(client, page, "Second", followup="on")
    assert mail.outbox == []


def test_tampered_unsubscribe_link_is_refused(client):
    response = client.get("/comments/unfollow/not-a-real-token/")
    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()


def test_author_edits_own_comment_within_the_window_and_history_is_kept(client, member, page):
    own = comment(page, user=member, text="Frist thoughts")
    client.force_login(member)
    assert client.get(f"/comments/{own.pk}/edit/").status_code == 200
    response = client.post(f"/comments/{own.pk}/edit/", {"comment": "First thoughts"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.comment == "First thoughts"
    assert CommentEdit.objects.get(comment=own).previous_text == "Frist thoughts"
    assert "(edited)" in client.get(page.url).content.decode()


def test_author_cannot_edit_after_the_window(client, member, page, time_machine):
    own = comment(page, user=member, text="Original")
    time_machine.move_to(own.submit_date + timedelta(minutes=16))
    client.force_login(member)
    response = client.post(f"/comments/{own.pk}/edit/", {"comment": "Changed"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.comment == "Original"
    assert f"/comments/{own.pk}/edit/" not in client.get(page.url).content.decode()


def test_members_cannot_edit_or_delete_others_comments(client, member, other_member, page):
    theirs = comment(page, user=other_member, text="Theirs")
    client.force_login(member)
    assert client.post(f"/comments/{theirs.pk}/edit/", {"comment": "Mine"}).status_code == 403
    assert client.post(f"/comments/{theirs.pk}/delete/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.comment == "Theirs"
    assert not theirs.is_removed


def test_author_deletes_own_comment_and_replies_stay_under_a_placeholder(client, member, page):
    own = comment(page, user=member, text="To be withdrawn")
    comment(page, text="A reply worth keeping", parent=own)
    client.force_login(member)
    assert client.post(f"/comments/{own.pk}/delete/").status_code == 302
    html = client.get(page.url).content.decode()
    assert "To be withdrawn" not in html
    assert "This comment was removed." in html
    assert "A reply worth keeping" in html


def test_member_reports_a_comment_once(client, member, page):
    target = comment(page, text="Spam spam")
    client.force_login(member)
    client.post(f"/comments/{target.pk}/flag/")
    client.post(f"/comments/{target.pk}/flag/")
    assert CommentFlag.objects.filter(comment=target, flag=CommentFlag.SUGGEST_REMOVAL).count() == 1


def test_moderator_reviews_flags_and_removes_a_comment(client, member, moderator, page):
    target = comment(page, text="Abusive text")
    client.force_login(member)
    client.post(f"/comments/{target.pk}/flag/")
    client.force_login(moderator)
    queue = client.get("/comments/moderation/")
    assert queue.status_code == 200
    assert "Abusive text" in queue.content.decode()
    response = client.post(
        f"/comments/{target.pk}/moderate/", {"action": "remove", "next": "moderation"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_removed
    assert "Abusive text" not in client.get(page.url).content.decode()
    assert "Abusive text" not in client.get("/comments/moderation/").content.decode()


def test_moderator_keeps_a_comment_and_dismisses_its_flags(client, member, moderator, page):
    target = comment(page, text="Blunt but fair")
    client.force_login(member)
    client.post(f"/comments/{target.pk}/flag/")
    client.force_login(moderator)
    client.post(f"/comments/{target.pk}/moderate/", {"action": "keep"})
    target.refresh_from_db()
    assert not target.is_removed
    assert not target.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert target.flags.filter(flag=CommentFlag.MODERATOR_APPROVAL).exists()


def test_members_cannot_moderate(client, member, page):
    target = comment(page, text="Stays")
    client.force_login(member)
    assert client.get("/comments/moderation/").status_code == 403
    assert client.post(f"/comments/{target.pk}/moderate/", {"action": "remove"}).status_code == 403
    target.refresh_from_db()
    assert not target.is_removed


def test_xtd_own_posting_endpoints_are_not_exposed(client, member, page):
    client.force_login(member)
    assert client.post("/comments/post/", {"comment": "bypass"}).status_code == 404
    assert client.get("/comments/api/").status_code == 404
