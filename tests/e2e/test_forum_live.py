"""Two members on the same topic: a reply posted by one appears for the other without a
page reload, through the WebSocket (uvicorn + the Redis channel layer)."""

from django.conf import settings
from django.test import Client

from tests.community.factories import UserFactory
from tests.forums.factories import TopicFactory


def _signed_in_context(browser, site_server: str, user):
    client = Client()
    client.force_login(user)
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
    return context


def test_members_see_each_others_replies_live(browser, site_server):
    amina = UserFactory(profile__display_name="Amina")
    carlos = UserFactory(profile__display_name="Carlos")
    topic = TopicFactory(title="Orientation before departure: what works?", author=amina)
    url = f"{site_server}{topic.get_absolute_url()}"

    amina_page = _signed_in_context(browser, site_server, amina).new_page()
    carlos_page = _signed_in_context(browser, site_server, carlos).new_page()
    for page in (amina_page, carlos_page):
        page.set_default_timeout(30_000)
        page.goto(url)
    # Both are connected: each sees the other among the readers.
    carlos_page.get_by_text("Amina", exact=False).first.wait_for()

    amina_page.locator("#reply-form textarea").fill("We run it over two days, in Tagalog.")
    amina_page.get_by_role("button", name="Post reply").click()

    carlos_page.get_by_text("We run it over two days, in Tagalog.").wait_for()
    assert carlos_page.url == url  # no reload, no navigation

    carlos_page.locator("#reply-form textarea").fill("Thank you: we will try two days too.")
    carlos_page.get_by_role("button", name="Post reply").click()
    amina_page.get_by_text("Thank you: we will try two days too.").wait_for()


def test_a_reader_sees_a_moderators_rename_and_pin_without_reloading(browser, site_server):
    from tests.forums.factories import PostFactory

    reader = UserFactory(profile__display_name="Rosa Reader")
    moderator = UserFactory(is_staff=True, is_superuser=True, profile__display_name="Ada Admin")
    topic = TopicFactory(title="Skills question")
    PostFactory(topic=topic, body="Which skills do employers abroad recognise?")
    url = f"{site_server}{topic.get_absolute_url()}"

    reader_page = _signed_in_context(browser, site_server, reader).new_page()
    moderator_page = _signed_in_context(browser, site_server, moderator).new_page()
    for page in (reader_page, moderator_page):
        page.set_default_timeout(30_000)
        page.goto(url)
    reader_page.get_by_text("Ada Admin", exact=False).first.wait_for()
    pinned = reader_page.locator('[data-topic-tag="pinned"]')
    assert not pinned.is_visible()

    moderator_page.get_by_text("Moderator tools").click()
    moderator_page.locator("#mod-title").fill("Which skills are recognised abroad?")
    moderator_page.get_by_role("button", name="Rename").click()
    moderator_page.get_by_text("Moderator tools").click()
    moderator_page.get_by_role("button", name="Pin").click()

    reader_page.get_by_role(
        "heading", level=1, name="Which skills are recognised abroad?"
    ).wait_for()
    pinned.wait_for(state="visible")
    assert reader_page.url == url
