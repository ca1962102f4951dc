"""Issue #9: an alumna answers her course's follow-up questionnaire from the emailed link,
in two sittings, then reads her answers in her history; a tampered or an expired link
says so plainly instead of failing."""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from outcomes import services
from outcomes.links import make_token
from outcomes.models import FollowUpInvitation, FollowUpResponse
from tests.community.factories import PASSWORD, UserFactory
from tests.e2e.conftest import read_mails
from tests.outcomes.factories import cohort, join

APPLIED = "What have you applied from the course in your work?"


def _path(mail: str, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", mail).group(1)


def test_alumna_answers_her_follow_up_in_two_sittings_and_reads_her_history(
    page, site_server, mail_dir, settings, django_capture_on_commit_callbacks
):
    # The course ended three months ago: the 3-month questionnaire is due today.
    today = timezone.localdate()
    alumna = UserFactory(
        email="lucia.mendes@example.org",
        profile__display_name="Lucía Mendes",
        profile__role="Labour attaché",
    )
    group, organiser, _ = cohort(alumni=1, name="Labour Migration Academy 2026 alumni")
    join(group, alumna)
    services.follow_up_schedule_create(
        group=group, by=organiser, months=[3], course_end=today - relativedelta(months=3)
    )
    # The daily job sends it; its emails go where the site's do.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(mail_dir)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_send()["invited"] == 2
    mail = next(m for m in read_mails(mail_dir) if alumna.email in m)
    assert "3 months" in mail
    link = site_server + _path(mail, "/outcomes/follow-up/")

    # First sitting (no log-in needed): one indicator and one open answer, then save.
    page.goto(link)
    page.get_by_role("heading", level=1, name=re.compile("3 months on")).wait_for()
    assert page.get_by_label("Your role").input_value() == "Labour attaché"
    page.get_by_label(re.compile("^Action plans drafted")).fill("4")
    page.get_by_label(APPLIED).fill("We now screen recruitment agencies before licensing.")
    page.get_by_role("button", name="Save and finish later").click()
    page.get_by_text("Your answers are saved. Come back to this link to finish.").wait_for()
    assert page.get_by_text("2 answers saved so far.").is_visible()
    page.goto(f"{site_server}/")

    # Second sitting: what she wrote is still there.
    page.goto(link)
    assert page.get_by_label(re.compile("^Action plans drafted")).input_value() == "4"
    assert page.get_by_label(APPLIED).input_value() == (
        "We now screen recruitment agencies before licensing."
    )
    # Sending without the required indicator is refused, and nothing is lost.
    page.get_by_role("button", name="Send my answers").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Procedures revised: Please answer this question." in alert.inner_text()
    assert page.get_by_label(re.compile("^Action plans drafted")).input_value() == "4"
    # An answer out of range is pointed out too.
    page.get_by_label(re.compile("^Procedures revised")).fill("500")
    page.get_by_role("button", name="Send my answers").click()
    assert "Ensure this value is less than or equal to 50" in page.get_by_role("alert").inner_text()
    page.get_by_label(re.compile("^Procedures revised")).fill("2")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_text("Thank you: your answers have been sent.").wait_for()
    answers = page.locator("dl.answers")
    assert "Procedures revised" in answers.inner_text()
    assert "We now screen recruitment agencies" in answers.inner_text()
    response = FollowUpResponse.objects.get(respondent=alumna)
    assert response.is_submitted

    # Her history asks her to sign in, then lists the questionnaire as sent, with her answers.
    page.get_by_role("link", name="All my follow-ups").click()
    page.get_by_label("Email").fill(alumna.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#main").get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", level=1, name="My follow-ups").wait_for()
    entry = page.locator("section.follow-up-entry")
    assert "Sent" in entry.inner_text()
    assert "Labour Migration Academy 2026 alumni" in entry.inner_text()
    entry.get_by_text("My answers").wait_for()
    assert entry.get_by_text("2 procedures").is_visible()


def test_tampered_and_expired_follow_up_links_explain_themselves(page, site_server):
    group, organiser, (alumna,) = cohort(alumni=1)
    today = timezone.localdate()
    schedule = services.follow_up_schedule_create(
        group=group, by=organiser, months=[3], course_end=today - relativedelta(months=9)
    )
    questionnaire = schedule.questionnaires.get()
    invitation = FollowUpInvitation.objects.create(
        questionnaire=questionnaire,
        respondent=alumna,
        sent_at=timezone.now() - datetime.timedelta(days=180),
        last_message_at=timezone.now() - datetime.timedelta(days=180),
    )
    token = make_token(invitation)

    response = page.goto(f"{site_server}/outcomes/follow-up/{token[:-3]}xyz/")
    assert response.status == 400
    page.get_by_role("heading", level=1, name="This link cannot be used").wait_for()
    assert "This follow-up link is not valid." in page.get_by_role("alert").inner_text()
    assert page.get_by_role("link", name="My follow-ups").first.is_visible()

    # Six months after it was due, the questionnaire has closed.
    response = page.goto(f"{site_server}/outcomes/follow-up/{token}/")
    assert response.status == 410
    assert "This questionnaire is closed" in page.get_by_role("alert").inner_text()
