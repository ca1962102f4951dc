"""Journey 3 (issue #15): an editor finds what awaits her on the admin dashboard — a
contributor's case study submitted for review — adds its results figures, schedules
it, translates it into French, and once the scheduler has run, readers see it live in
English and in French.

The editor is in Wagtail's "Moderators" group (the editors who may publish); the
contributor's submission and the scheduler's run are what happen elsewhere. Everything
the editor does goes through the admin's own forms.
"""

from __future__ import annotations

import datetime
import re

import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from casestudies.models import CaseStudyPage
from casestudies.services import case_study_index_ensure
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import PASSWORD, UserFactory

TITLE = "Diaspora bonds for municipal water"
FRENCH = "Obligations de la diaspora pour l'eau municipale"
SLUG = "diaspora-bonds-water"


def _submitted_by_contributor():
    case_study_index_ensure()
    contributor = UserFactory(is_staff=True, profile__display_name="Carlos Contributor")
    contributor.groups.add(Group.objects.get(name="Contributors"))
    page = CaseStudyPageFactory(
        title=TITLE,
        slug=SLUG,
        summary="Accra sold small bonds to its diaspora to extend the water network.",
        publish=False,
    )
    page.owner = contributor
    page.save()
    page.save_revision(user=contributor)
    page.get_workflow().start(page, contributor)
    return contributor


def _signed_in_admin(page, site_server: str, email: str) -> None:
    page.goto(f"{site_server}/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site_server}/admin/")


def _go_live_at() -> datetime.datetime:
    """Two minutes from now, to the minute (what the admin's date-time field takes)."""
    soon = timezone.localtime() + datetime.timedelta(minutes=2)
    return soon.replace(second=0, microsecond=0)


def test_editor_completes_schedules_and_translates_a_case_study(page, site_server):
    _submitted_by_contributor()
    editor = UserFactory(is_staff=True, profile__display_name="Elena Editor")
    editor.groups.add(Group.objects.get(name="Moderators"))

    # What awaits her: the contributor's submission, on the dashboard.
    _signed_in_admin(page, site_server, editor.email)
    review = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    row = review.get_by_role("row", name=re.compile(TITLE))
    assert row.get_by_text("Carlos Contributor").is_visible()
    row.get_by_role("link", name=TITLE).first.click()
    page.get_by_label(re.compile(r"^Title")).wait_for()

    # Adds the results figures.
    results = page.locator("#results-root")
    results.get_by_role("button", name="Insert a block").first.click()
    results.get_by_label(re.compile(r"^indicator", re.I)).fill("Households connected")
    results.get_by_label(re.compile(r"^baseline", re.I)).fill("1200")
    results.get_by_label(re.compile(r"^target", re.I)).fill("5000")
    results.get_by_label(re.compile(r"^achieved", re.I)).fill("5400")
    results.get_by_label(re.compile(r"^unit", re.I)).fill("households")

    # Schedules it and approves: the page waits for its go-live time.
    go_live = _go_live_at()
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.get_by_label("Go live date/time").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # By keyboard: the date picker's calendar may still cover the button after typing.
    save = dialog.get_by_role("button", name="Save schedule")
    save.focus()
    save.press("Enter")
    page.get_by_text(re.compile(r"Go-live: ")).first.wait_for()
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.get_by_text(re.compile(r"approved|scheduled", re.I)).first.wait_for()
    case_study = CaseStudyPage.objects.get(slug=SLUG, locale__language_code="en")
    assert not case_study.live
    assert case_study.get_latest_revision().approved_go_live_at is not None

    # Not public yet.
    reader = page.context.browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{site_server}/case-studies/")
    assert reader.get_by_role("link", name=TITLE).count() == 0

    # Translates it into French from the page's own actions, in one step.
    page.goto(f"{site_server}/admin/pages/{case_study.pk}/edit/")
    page.get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name="Translate").click()
    page.get_by_label("French").check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text(f"The page '{TITLE}' was successfully created in French").wait_for()
    page.get_by_label(re.compile(r"^Title")).fill(FRENCH)
    page.get_by_label(re.compile(r"^Summary")).fill(
        "Accra a vendu de petites obligations à sa diaspora pour étendre le réseau d'eau."
    )
    page.locator("footer").get_by_role("button", name="More actions").click()
    # The copy keeps the schedule: it goes live with the original.
    page.get_by_role("button", name="Schedule to publish").click()
    page.get_by_text(re.compile(r"scheduled for publishing", re.I)).first.wait_for()

    # The scheduler runs after the go-live time; both languages are live.
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    assert CaseStudyPage.objects.filter(slug=SLUG, live=True).count() == 2

    reader.goto(f"{site_server}/case-studies/")
    reader.get_by_role("link", name=TITLE).click()
    reader.get_by_role("heading", level=1, name=TITLE).wait_for()
    main = reader.locator("main")
    figures = main.get_by_role("row", name=re.compile("Households connected"))
    assert figures.is_visible()
    for figure in ("1200", "5000", "5400"):
        assert figure in figures.inner_text().replace(",", "").replace("\u202f", "")

    reader.get_by_role("navigation", name="Language").locator("a, button").filter(
        has_text=re.compile("^fran", re.IGNORECASE)
    ).click()
    reader.wait_for_url(re.compile(r"/fr/"))
    reader.get_by_role("heading", level=1, name=FRENCH).wait_for()
    assert reader.locator("html").get_attribute("lang") == "fr"
    figures = reader.locator("main").get_by_role("row", name=re.compile("Households connected"))
    assert figures.is_visible()
    assert "5400" in re.sub(r"[\s,.\u202f]", "", figures.inner_text())
