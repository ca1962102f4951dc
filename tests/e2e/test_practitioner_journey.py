"""Journey 2 (issue #15): a practitioner signs up through the real form and the link in
the confirmation email, sets a profile and languages, finds a case study from the home
page through the main navigation, follows it and its author, comments, asks a question
in a Q&A forum, gets an answer from another member and accepts it — then sees the news
of what they follow under the bell (the count is *visible*, by computed style) and in
the digest email, under the kind of thing they follow.

Navigation goes by the main navigation's links and by link text, never by the home
page's structure (which another journey redesigns). What other members do happens
through the site's own views and services, as it would on their devices.
"""

from __future__ import annotations

import re

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from casestudies.services import case_study_index_ensure
from forums.models import Category
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import UserFactory
from tests.e2e.conftest import read_mails
from tests.forums.factories import CategoryFactory

PASSWORD = "Diaspora-Bonds-2026"
EMAIL = "priya@example.org"
CASE_STUDY = "Remittance matching for hometown schools"
NEW_CASE_STUDY = "Welcome desks at regional airports"
QUESTION = "How do you certify returnees' skills?"


def _world():
    case_study_index_ensure()
    author = UserFactory(profile__display_name="Elena Editor", is_staff=True)
    page = CaseStudyPageFactory(
        title=CASE_STUDY,
        slug="remittance-matching",
        summary="Hometown associations pooled remittances; the province matched each peso.",
        owner=author,
    )
    CategoryFactory(name="Ask the community", slug="ask", kind=Category.Kind.QA)
    answerer = UserFactory(profile__display_name="Amina Peer")
    return author, page, answerer


def _path(link: str) -> str:
    """An emailed link on this server (the test settings' host is not the live server's)."""
    return re.sub(r"^https?://[^/]+", "", link)


def _sign_up(page, site_server, mail_dir) -> None:
    page.goto(f"{site_server}/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Display name").fill("Priya Practitioner")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", read_mails(mail_dir)[0])
    page.goto(f"{site_server}{_path(link.group(0))}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{site_server}/")


def _set_profile(page) -> None:
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Priya Practitioner"
    ).click()
    page.get_by_role("heading", level=1, name="Your profile").wait_for()
    page.get_by_label("Organisation:", exact=True).fill("City of Tunis")
    page.get_by_label("Languages you work in").select_option(label=["Arabic", "French"])
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your profile was saved.").wait_for()


def _open_case_study(page, site_server) -> None:
    page.goto(f"{site_server}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Case studies").click()
    page.get_by_role("link", name=CASE_STUDY).first.click()
    page.get_by_role("heading", level=1, name=CASE_STUDY).wait_for()


def _bell_count(page) -> tuple[bool, str]:
    count = page.locator("[data-notification-bell] [data-unread-count]")
    shown = count.evaluate("el => getComputedStyle(el).display !== 'none'")
    return shown, count.inner_text()


def test_practitioner_follows_comments_asks_and_hears_of_what_they_follow(
    page, site_server, mail_dir
):
    author, case_study, answerer = _world()

    _sign_up(page, site_server, mail_dir)
    _set_profile(page)
    assert _bell_count(page)[0] is False  # nothing new yet: the count is out of sight

    # Finds the case study from the home page, follows it and its author.
    _open_case_study(page, site_server)
    header = page.locator(".cs-header")
    header.get_by_role("button", name=f"Follow {CASE_STUDY}").click()
    page.get_by_text(f"You now follow {CASE_STUDY}.").wait_for()
    assert header.get_by_role("button", name=re.compile(r"^Following")).is_visible()
    header.get_by_role("link", name="Elena Editor").click()
    page.get_by_role("button", name="Follow Elena Editor").click()
    page.get_by_text("You now follow Elena Editor.").wait_for()

    # Comments on it.
    page.go_back()
    page.go_back()
    page.get_by_role("heading", level=1, name=CASE_STUDY).wait_for()
    page.get_by_label("Your comment").fill("We are starting this in **Sfax** next year.")
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("Your comment is posted.").wait_for()

    # Asks a question in the Q&A forum.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").click()
    page.get_by_role("link", name="Ask the community").click()
    page.get_by_role("link", name="Ask a question").click()
    page.get_by_label("Title").fill(QUESTION)
    page.get_by_label("Your message").fill("We need a recognised certificate for welders.")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", level=1, name=QUESTION).wait_for()
    topic_url = page.url

    # Elsewhere: another member answers and comments; the author publishes a new case study.
    peer = Client()
    peer.force_login(answerer)
    topic_pk = int(re.search(r"/t/(\d+)", topic_url).group(1))
    answered = peer.post(
        reverse("forums:post_create", args=[topic_pk]),
        {"body": "The national qualifications agency runs a recognition test."},
    )
    assert answered.status_code == 302
    commented = peer.post(f"/comments/post/{case_study.pk}/", {"comment": "It worked for us."})
    assert commented.status_code == 302
    new_page = CaseStudyPageFactory(title=NEW_CASE_STUDY, slug="welcome-desks", publish=False)
    new_page.save_revision(user=author).publish()

    # The asker accepts the answer: only that post shows the badge.
    page.goto(topic_url)
    answer = page.locator("article, .post").filter(has_text="recognition test").last
    answer.get_by_role("button", name="Accept this answer").click()
    page.get_by_role("button", name="Unmark answer").wait_for()
    badges = page.locator("[data-accepted-badge]")
    shown = badges.evaluate_all("els => els.filter(el => el.checkVisibility()).length")
    assert shown == 1

    # The bell shows three new notifications, visibly.
    visible, text = _bell_count(page)
    assert visible is True
    assert text.startswith("3")

    # The weekly digest lists them under what the practitioner follows.
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "weekly")
    digest = next(m for m in mail.outbox if m.to == [EMAIL])
    body = digest.body
    about_me = body.index("Replies, mentions and news about you")
    people = body.index("People you follow")
    case_studies = body.index("Case studies you follow")
    assert about_me < body.index(f"Amina Peer replied to “{QUESTION}”") < people
    assert people < body.index(f"Elena Editor published a case study: “{NEW_CASE_STUDY}”")
    assert case_studies < body.index(f"Amina Peer commented on “{CASE_STUDY}”")

    # The bell leads to the same news on the site.
    page.locator("[data-notification-bell]").click()
    page.get_by_role("heading", level=1, name="Notifications").wait_for()
    for line in (
        f"Amina Peer replied to “{QUESTION}”",
        f"Elena Editor published a case study: “{NEW_CASE_STUDY}”",
        f"Amina Peer commented on “{CASE_STUDY}”",
    ):
        assert page.get_by_text(line).first.is_visible()

    # What they follow is listed, and can be muted from there.
    page.get_by_role("link", name="What you follow").click()
    following = page.locator("#main")
    for name in (CASE_STUDY, "Elena Editor", QUESTION):
        assert following.get_by_role("link", name=name).is_visible()
    following.get_by_role("button", name="Mute Elena Editor").click()
    assert following.get_by_text("(muted)").is_visible()
