"""What a person sees, not what the DOM holds: elements toggled with the ``hidden``
attribute must be invisible on screen, whatever display their component class sets."""

from tests.community.factories import UserFactory
from tests.forums.factories import PostFactory, TopicFactory


def _displayed(locator) -> list[bool]:
    return locator.evaluate_all("els => els.map(el => getComputedStyle(el).display !== 'none')")


def test_only_the_accepted_answer_shows_its_badge(page, site_server):
    asker = UserFactory(profile__display_name="Asker")
    topic = TopicFactory(title="Which languages for orientation?", author=asker)
    PostFactory(topic=topic, body="Only in English.")
    accepted = PostFactory(
        topic=topic, body="In the languages of the main corridors.", is_accepted=True
    )
    PostFactory(topic=topic, body="It depends on the budget.")

    page.goto(f"{site_server}{topic.get_absolute_url()}")

    badges = page.locator("[data-accepted-badge]")
    assert badges.count() == 4  # one per post, in the DOM
    shown = _displayed(badges)
    assert shown.count(True) == 1
    assert page.locator(f"#post-{accepted.pk} [data-accepted-badge]").is_visible()


def test_live_notices_stay_out_of_sight_until_there_is_news(page, site_server):
    topic = TopicFactory(title="Orientation in Tagalog")

    page.goto(f"{site_server}{topic.get_absolute_url()}")

    assert not page.locator("#live-new-posts").is_visible()
    assert _displayed(page.locator("#live-new-posts")) == [False]
