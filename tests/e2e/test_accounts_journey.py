import re

from community.models import User
from tests.e2e.conftest import read_mails

PASSWORD = "Diaspora-Bonds-2026"


def test_visitor_signs_up_confirms_email_and_is_signed_in(page, site_server, mail_dir):
    page.goto(f"{site_server}/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    assert User.objects.filter(email="grace@example.org").exists()

    mails = read_mails(mail_dir)
    assert len(mails) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mails[0]).group(0)
    path = (
        link.split("testserver", 1)[-1]
        if "testserver" in link
        else re.sub(r"^https?://[^/]+", "", link)
    )
    page.goto(f"{site_server}{path}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{site_server}/")
    assert page.get_by_role("button", name="Log out").is_visible()


def test_the_page_tree_survives_a_browser_test(client, db):
    """Runs after the journey above: the home page from the data migration is still there."""
    assert client.get("/").status_code == 200
