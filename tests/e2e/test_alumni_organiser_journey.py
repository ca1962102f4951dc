"""Journey 1 (issue #15): an alumni organiser runs a network for a finished course from
the group's own pages, with nothing typed in the address bar after the home page.

She signs in, starts an alumni network of the course from the groups directory,
imports the roster (one participant already has an account, one has none), gives the
network a forum and a live room, invites one more person, posts the first topic,
schedules the 3/6/12-month follow-ups, issues the certificates and opens the cohort's
dashboard. Every step starts from a link on the group page; each check is on what the
page shows.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from tests.community.factories import PASSWORD, UserFactory
from tests.e2e.conftest import read_mails
from tests.inventory.factories import InventoryItemFactory

COURSE = "Labour Migration Academy"
NETWORK = "Labour Migration Academy 2025 alumni"
ALUMNA = "Aisha Alumna"
NEWCOMER = "ramon.cruz@example.org"
INVITEE = "lina.haddad@example.org"
FORUM = "Alumni discussions"
ROOM = "Monthly alumni call"
TOPIC = "What changed at work since the course?"


def _sign_in(page, site_server: str, email: str) -> None:
    page.goto(f"{site_server}/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#main").get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{site_server}/")


def _organise(page, step: str) -> None:
    """Back to the group page (by the link every group page of hers shows), then the
    organiser panel's link for ``step``."""
    _to_group(page)
    panel = page.get_by_role("region", name="Organise this group")
    panel.get_by_role("link", name=step).click()


def _to_group(page) -> None:
    heading = page.get_by_role("heading", level=1, name=NETWORK, exact=True)
    if not heading.count():
        page.get_by_role("link", name=NETWORK).first.click()
        heading.wait_for()


def _shown(locator) -> bool:
    return locator.evaluate("el => el.checkVisibility()")


def test_organiser_runs_an_alumni_network_from_its_group_page(
    page, site_server, mail_dir, tmp_path
):
    ended = timezone.localdate() - datetime.timedelta(days=120)
    course = InventoryItemFactory(
        title=COURSE, external_id="lma", start_date=ended - datetime.timedelta(days=30)
    )
    course.end_date = ended
    course.save()
    organiser = UserFactory(profile__display_name="Olga Organiser")
    alumna = UserFactory(profile__display_name=ALUMNA)

    _sign_in(page, site_server, organiser.email)

    # Starts the network from the groups directory.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
    page.get_by_role("link", name="Start a group").click()
    page.get_by_label("Name").fill(NETWORK)
    page.get_by_label("Kind").select_option(label="Alumni network")
    page.get_by_label("Private (listed, content for members only)").check()
    page.get_by_label("Description").fill("The 2025 cohort keeps learning together.")
    page.get_by_label("Course").select_option(label=COURSE)
    page.get_by_label("Cohort year").fill("2025")
    page.get_by_role("button", name="Create group").click()
    page.get_by_role("heading", level=1, name=NETWORK, exact=True).wait_for()
    assert page.get_by_text("Your group was created.").is_visible()
    assert page.get_by_text("This group has no forum yet.").is_visible()

    # Imports the roster: the participant with an account joins, the other is invited.
    _organise(page, "Import the course roster")
    roster = tmp_path / "roster.csv"
    roster.write_text(f"email\n{alumna.email}\n{NEWCOMER}\n")
    page.get_by_label("Roster (CSV)").set_input_files(roster)
    page.get_by_role("button", name="Import roster").click()
    page.get_by_text("Roster imported: 1 added, 1 invited, 0 already members.").wait_for()
    members = page.get_by_role("complementary", name="About the members")
    assert members.get_by_role("link", name=ALUMNA).is_visible()

    # Gives the network a forum, then a live room.
    _organise(page, "Add a forum category")
    page.get_by_label("Name of the forum").fill(FORUM)
    page.get_by_label("What it is for").fill("Questions and news between alumni.")
    page.get_by_role("button", name="Create the forum").click()
    page.get_by_text("The group has its forum. Post the first topic.").wait_for()

    _organise(page, "Open a live room")
    page.get_by_label("Name of the room").fill(ROOM)
    page.get_by_role("button", name="Open the room").click()
    page.get_by_text("The live room is open. Share its link with the group.").wait_for()

    # Invites one more person by email.
    _organise(page, "Invite people")
    page.locator("textarea").first.fill(INVITEE)
    page.get_by_role("button", name="Send invitations").click()
    pending = page.get_by_role("table")
    pending.get_by_role("cell", name=INVITEE, exact=True).wait_for()
    assert pending.get_by_role("cell", name=NEWCOMER, exact=True).is_visible()
    invitations = [m for m in read_mails(mail_dir) if "/invitations/" in m]
    assert any(INVITEE in m for m in invitations)
    assert any(NEWCOMER in m for m in invitations)

    # The group page now shows its forum and room; she posts the first topic.
    _to_group(page)
    discussions = page.get_by_role("region", name="Discussions")
    assert _shown(discussions.get_by_role("link", name=f"All discussions in {FORUM}"))
    assert page.get_by_text("This group has no forum yet.").count() == 0
    assert _shown(page.get_by_role("region", name="Live room").get_by_role("link", name=ROOM))
    discussions.get_by_role("link", name="Post the first topic").click()
    page.get_by_label("Title").fill(TOPIC)
    page.get_by_label("Your message").fill("Tell us one thing you applied from the course.")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", level=1, name=TOPIC).wait_for()
    _to_group(page)
    assert _shown(page.get_by_role("region", name="Discussions").get_by_role("link", name=TOPIC))

    # Schedules the follow-ups: the course's end date is known, only the months are asked.
    _organise(page, "Schedule follow-ups (3, 6, 12 months)")
    assert page.get_by_label("Months after the course").input_value() == "3, 6, 12"
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("The follow-up questionnaires are scheduled.").wait_for()
    planned = page.get_by_role("table", name="Planned questionnaires")
    for months in ("3 months", "6 months", "12 months"):
        assert planned.get_by_role("rowheader", name=months).is_visible()
    assert page.get_by_text(re.compile(r"Course ended")).is_visible()

    # Issues the certificates to the alumni.
    _organise(page, "Issue certificates and badges")
    page.get_by_role("button", name="Issue 1 certificate").click()
    page.get_by_text("1 certificate issued: the alumna was told by email.").wait_for()
    issued = page.get_by_role("table", name="Certificates issued")
    assert issued.get_by_role("rowheader", name=ALUMNA).is_visible()

    # Sees the cohort's dashboard.
    _organise(page, "Cohort dashboard")
    page.get_by_role(
        "heading", level=1, name=re.compile(rf"Evidence: .*{COURSE}|{NETWORK}")
    ).wait_for()
    rates = page.get_by_role("table", name="Response rates by time point")
    for months in ("3 months", "6 months", "12 months"):
        assert rates.get_by_role("rowheader", name=months).is_visible()
