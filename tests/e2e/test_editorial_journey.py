"""An editor writes a case study in the Wagtail admin and submits it for moderation; a
moderator approves it from the dashboard; a visitor then reads it on /case-studies/.

Everyone signs in through the admin's own sign-in form, as they would on the live site.
"""

import re

from django.contrib.auth.models import Group

from casestudies.models import CaseStudyPage
from casestudies.services import case_study_index_ensure
from tests.casestudies.factories import ThemeFactory
from tests.community.factories import PASSWORD, UserFactory

TITLE = "Diaspora bonds for municipal water"


def _signed_in_admin(browser, site_server: str, email: str):
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{site_server}/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site_server}/admin/")
    return page


def test_editor_submits_a_case_study_a_moderator_approves_it_and_visitors_read_it(
    browser, site_server
):
    index = case_study_index_ensure()
    ThemeFactory(name="Diaspora engagement", slug="diaspora-engagement")
    editor = UserFactory(is_staff=True, profile__display_name="Elena Editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(is_staff=True, profile__display_name="Moses Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    # The editor adds a case study under the index, from the page explorer.
    page = _signed_in_admin(browser, site_server, editor.email)
    page.goto(f"{site_server}/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name=re.compile(r"^\s*Case study")).click()
    page.get_by_label(re.compile(r"^Title")).fill(TITLE)
    page.get_by_label(re.compile(r"^Summary")).fill(
        "Accra sold small bonds to its diaspora to extend the water network."
    )
    page.get_by_label("Countries").select_option(label="Ghana")
    page.get_by_label("Themes").select_option(label="Diaspora engagement")
    page.get_by_label("From (year)").fill("2019")
    page.locator("#panel-child-content-challenge-content [contenteditable=true]").fill(
        "The council could not borrow on the capital market."
    )
    results = page.locator("#results-root")
    results.get_by_role("button", name="Insert a block").first.click()
    results.get_by_label(re.compile(r"^indicator", re.I)).fill("Households connected")
    results.get_by_label(re.compile(r"^baseline", re.I)).fill("1200")
    results.get_by_label(re.compile(r"^achieved", re.I)).fill("5400")
    results.get_by_label(re.compile(r"^unit", re.I)).fill("households")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text(re.compile(rf"Page '{TITLE}' .*submitted for moderation")).wait_for()
    page.goto(f"{site_server}/admin/pages/{index.pk}/")
    assert page.get_by_role("row", name=re.compile(TITLE)).get_by_text("In moderation").is_visible()

    # Not public yet.
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{site_server}/case-studies/")
    assert visitor.get_by_role("link", name=TITLE).count() == 0

    # The moderator finds it on the dashboard, awaiting review, and approves it.
    page = _signed_in_admin(browser, site_server, moderator.email)
    review = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    row = review.get_by_role("row", name=re.compile(TITLE))
    assert row.get_by_text("Elena Editor").is_visible()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_role("heading", name="Awaiting your review").wait_for(state="detached")
    assert CaseStudyPage.objects.get(title=TITLE).live

    # A visitor finds it in the listing, with its country and theme, and reads it.
    visitor.goto(f"{site_server}/case-studies/")
    visitor.get_by_role("link", name=TITLE).click()
    visitor.get_by_role("heading", level=1, name=TITLE).wait_for()
    main = visitor.locator("main")
    assert main.get_by_text("Ghana").first.is_visible()
    assert main.get_by_text("Diaspora engagement").first.is_visible()
    assert main.get_by_text("Households connected").is_visible()
    assert main.get_by_text("The council could not borrow on the capital market.").is_visible()
