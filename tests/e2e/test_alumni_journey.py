"""An alumna goes from the invitation email to posting in her alumni network's forum."""

import re

from django.conf import settings
from django.test import Client

from community.models import Group, Membership
from tests.community.factories import UserFactory
from tests.e2e.conftest import read_mails
from tests.forums.factories import CategoryFactory

PASSWORD = "Skills-Partnership-2026"


def _path(mail: str, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", mail).group(1)


def test_alumna_from_invitation_email_to_her_alumni_forum(browser, site_server, mail_dir):
    organiser = UserFactory(profile__display_name="Course organiser")
    network = Group.objects.create(
        name="Labour Migration Academy 2025 alumni",
        slug="lma-2025",
        kind=Group.Kind.ALUMNI_NETWORK,
        privacy=Group.Privacy.PRIVATE,
        cohort_year=2025,
    )
    Membership.objects.create(group=network, user=organiser, role=Membership.Role.OWNER)
    CategoryFactory(name="LMA 2025 alumni forum", slug="lma-2025-forum", group=network)

    # The organiser invites her from the group's invitations page.
    client = Client()
    client.force_login(organiser)
    context = browser.new_context(locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_server,
            }
        ]
    )
    organiser_page = context.new_page()
    organiser_page.goto(f"{site_server}/groups/lma-2025/invitations/")
    organiser_page.locator("textarea").first.fill("maria.santos@example.org")
    organiser_page.get_by_role("button", name="Send invitations").click()
    organiser_page.get_by_text("maria.santos@example.org").first.wait_for()
    context.close()

    # She opens the link in the email, signs up with that address and confirms it.
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(30_000)
    invitation_mail = next(m for m in read_mails(mail_dir) if "/invitations/" in m)
    page.goto(site_server + _path(invitation_mail, "/invitations/"))
    page.locator("#main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("maria.santos@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    confirm_mail = next(m for m in read_mails(mail_dir) if "/accounts/confirm-email/" in m)
    page.goto(site_server + _path(confirm_mail, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()

    # She is in the network, and posts in its forum.
    page.goto(f"{site_server}/groups/lma-2025/")
    page.get_by_role("link", name="All discussions in LMA 2025 alumni forum").click()
    page.get_by_role("link", name="Start a topic").click()
    page.get_by_label("Title").fill("Applying the bilateral agreements module at home")
    page.get_by_label("Your message").fill("Our ministry is drafting its first agreement.")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", name="Applying the bilateral agreements module at home").wait_for()
    assert Membership.objects.filter(group=network, user__email="maria.santos@example.org").exists()
