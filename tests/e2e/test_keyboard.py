"""Keyboard-only walk-throughs in Chromium: Tab, Shift+Tab, Enter and Space, never a
click. Every element the walk lands on must show a visible focus indicator."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from tests.casestudies import factories as casestudies
from tests.community.factories import UserFactory
from tests.forums.factories import TopicFactory

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
    outline: style.outlineStyle === "none" || style.outlineWidth === "0px"
      ? "none" : `${style.outlineWidth} ${style.outlineStyle}`,
    boxShadow: style.boxShadow,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def assert_focus_visible(element: dict | None) -> None:
    assert element is not None, "nothing has focus"
    assert element["outline"] != "none" or element["boxShadow"] != "none", (
        f"no visible focus indicator on {element}"
    )


def tab_to(page, text: str, *, key: str = "Tab", limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until the focused element's text is ``text``; every
    stop on the way must show where focus is."""
    for _ in range(limit):
        page.keyboard.press(key)
        element = focused(page)
        assert_focus_visible(element)
        if element["text"] == text:
            return element
    raise AssertionError(f"{text!r} was not reached with {limit} presses of {key}")


def test_virtual_tour_can_be_walked_with_the_keyboard_alone(page, site_server):
    tour = casestudies.VirtualTourPageFactory(title="A walk through the orientation centre")
    casestudies.tour_stop(tour, title="The waiting room", transcript="Workers wait here.")
    casestudies.tour_stop(tour, title="The classroom", transcript="The seminar room.")
    casestudies.tour_stop(tour, title="The counselling desk", transcript="One to one advice.")
    page.goto(f"{site_server}{tour.get_url()}")

    # The first Tab reaches the skip link, which takes focus past the header.
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to main content"
    assert_focus_visible(skip)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # The stop list comes first in the main content; Enter opens a stop and focus
    # lands on that stop's heading.
    tab_to(page, "The classroom")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stops/2/")
    heading = focused(page)
    assert (heading["tag"], heading["text"]) == ("h2", "The classroom")
    assert_focus_visible(heading)
    assert page.get_by_text("Stop 2 of 3").is_visible()

    tab_to(page, "Next stop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stops/3/")
    assert focused(page)["text"] == "The counselling desk"
    assert page.get_by_text("One to one advice.").is_visible()

    tab_to(page, "Previous stop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stops/2/")
    assert focused(page)["text"] == "The classroom"

    # Backwards from the heading lies the stop list, current stop marked.
    tab_to(page, "The waiting room", key="Shift+Tab")
    assert page.locator("a[aria-current='step']").inner_text() == "The classroom"
    page.keyboard.press("Enter")
    page.wait_for_url("**/stops/1/")
    assert focused(page)["text"] == "The waiting room"


def test_forum_reply_can_be_written_and_sent_with_the_keyboard_alone(browser, site_server):
    member = UserFactory(profile__display_name="Amina Peer")
    topic = TopicFactory(title="Orientation before departure: what works?")
    client = Client()
    client.force_login(member)
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
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{site_server}{topic.get_absolute_url()}")

    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        assert_focus_visible(element)
        if element["tag"] == "textarea":
            break
    else:
        raise AssertionError("the reply field was not reached with Tab")
    assert page.evaluate("document.activeElement.closest('form').id") == "reply-form"
    page.keyboard.type("We run it over two days, in Tagalog.")

    tab_to(page, "Post reply")
    page.keyboard.press("Enter")

    reply = page.locator(".post").filter(has_text="We run it over two days, in Tagalog.")
    reply.wait_for()
    assert reply.count() == 1
    context.close()
