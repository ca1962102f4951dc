"""A visitor reads the site in French from the language menu on, including the errors a
form gives back; a member's choice follows them to their next log-in on another device."""

import re

from community.models import Profile, User
from tests.community.factories import PASSWORD, UserFactory


def _switch_to_french(page) -> None:
    # A link for visitors, a form's button for members (who save the choice).
    page.get_by_role("navigation", name="Language").locator("a, button").filter(
        has_text=re.compile("^fran", re.IGNORECASE)
    ).click()
    page.wait_for_url(re.compile(r"/fr/"))


def test_visitor_switches_to_french_and_reads_form_errors_in_french(page, site_server):
    page.goto(f"{site_server}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Case studies").first.is_visible()

    _switch_to_french(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Études de cas").first.is_visible()
    assert page.get_by_role("link", name="Se connecter").is_visible()

    page.get_by_role("link", name="S'inscrire").click()
    page.wait_for_url(re.compile(r"/fr/accounts/signup/"))
    page.locator("#id_email").fill("amina@example.org")
    page.locator("#id_password1").fill("Diaspora-Bonds-2026")
    page.locator("#id_password2").fill("Another-Bond-2026")
    page.locator("#id_password2").press("Enter")
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_text("Vous devez saisir deux fois le même mot de passe.").is_visible()
    assert not User.objects.filter(email="amina@example.org").exists()


def test_members_language_choice_follows_them_to_their_next_log_in(browser, site_server):
    member = UserFactory(email="kofi@example.org")
    assert member.profile.language != "fr"

    first_device = browser.new_context(locale="en-GB")
    page = first_device.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{site_server}/accounts/login/")
    page.locator("#id_login").fill("kofi@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{site_server}/")
    _switch_to_french(page)
    assert Profile.objects.get(user=member).language == "fr"
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    first_device.close()

    # Another device: no cookie, an English browser. The profile decides.
    second_device = browser.new_context(locale="en-GB")
    page = second_device.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{site_server}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#id_login").fill("kofi@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/fr/$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Études de cas").first.is_visible()
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    second_device.close()
