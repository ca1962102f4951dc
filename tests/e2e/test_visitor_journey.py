"""Journey 4 (issue #15): a visitor from a local authority lands on the home page and
finds a real front door — featured and latest case studies, the inventory, live
sessions, active discussions, GFMD recommendations and what the platform has achieved
— each with live content and a link that leads on; once signed in, a member finds
their own home above it: invitations, their groups, follow-ups due, what they follow
and the needs they endorsed.

Every check is on what is *visible* (computed style), and every page after the home
page is reached by clicking.
"""

from __future__ import annotations

import re

from community.models import Invitation
from community.services.follows import follow_create
from core.models import HomePage, HomePageFeature
from outcomes.services.needs import need_endorse
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import PASSWORD
from tests.outcomes.factories import NeedFactory
from tests.quality.factories import build_world

FEATURED = "Diaspora bonds for municipal water"


def _block(page, name: str):
    return page.get_by_role("region", name=name)


def _shown(locator) -> bool:
    return locator.evaluate("el => el.checkVisibility()")


def _home(page, site_server: str) -> None:
    page.get_by_role("link", name="Practice Commons").first.click()
    page.wait_for_url(f"{site_server}/")


def test_visitor_finds_the_platform_on_its_front_door(page, site_server):
    world = build_world()
    featured = CaseStudyPageFactory(title=FEATURED, slug="diaspora-bonds")
    HomePageFeature.objects.create(
        home=HomePage.objects.get(locale__language_code="en"), page=featured, sort_order=0
    )

    page.goto(f"{site_server}/")

    case_studies = _block(page, "Case studies")
    featured_list, latest_list = case_studies.get_by_role("list").all()[:2]
    assert _shown(case_studies.get_by_role("heading", name="Featured"))
    assert _shown(featured_list.get_by_role("link", name=FEATURED))
    assert _shown(case_studies.get_by_role("heading", name="Latest"))
    assert _shown(latest_list.get_by_role("link", name=world.case_study.title))
    assert _shown(_block(page, "Inventory of training").get_by_role("link", name=world.item.title))
    assert _shown(_block(page, "Live sessions").get_by_role("link", name="Public room"))
    discussions = _block(page, "Active discussions")
    assert _shown(discussions.get_by_role("link", name="Public question on orientation"))
    recommendations = _block(page, "GFMD recommendations")
    assert _shown(recommendations.get_by_role("link", name=world.recommendation.title))
    evidence = _block(page, "What the platform has achieved")
    assert _shown(evidence.get_by_text(re.compile(r"3\s+certificates issued")))

    # Nothing private shows on the front door.
    for private in ("Private room", "Secret room", "Private question", "Secret question"):
        assert page.get_by_text(private).count() == 0

    # Each block leads on.
    featured_list.get_by_role("link", name=FEATURED).click()
    page.get_by_role("heading", level=1, name=FEATURED).wait_for()
    _home(page, site_server)
    _block(page, "Case studies").get_by_role("link", name="All case studies").click()
    page.get_by_role("link", name=world.case_study.title).first.wait_for()
    _home(page, site_server)
    _block(page, "Inventory of training").get_by_role("link", name="Search the inventory").click()
    page.get_by_role("link", name=world.item.title).first.wait_for()
    _home(page, site_server)
    _block(page, "Active discussions").get_by_role(
        "link", name="Public question on orientation"
    ).click()
    page.get_by_role("heading", level=1, name="Public question on orientation").wait_for()
    assert _shown(page.get_by_text("We run a workshop."))
    _home(page, site_server)
    _block(page, "GFMD recommendations").get_by_role(
        "link", name=world.recommendation.title
    ).click()
    page.get_by_role("heading", level=1, name=world.recommendation.title).wait_for()
    _home(page, site_server)
    _block(page, "What the platform has achieved").get_by_role(
        "link", name="The needs board"
    ).click()
    assert _shown(page.get_by_role("link", name=world.need.title).first)


def test_member_finds_their_own_home_above_the_front_door(page, site_server):
    world = build_world()
    member = world.users["member"]
    Invitation.objects.create(
        group=world.groups["public"], email=member.email, invited_by=world.owner
    )
    follow_create(user=member, target=world.groups["public"])
    need = NeedFactory(author=world.owner, title="Training on diaspora bonds")
    need_endorse(need=need, user=member)

    page.goto(f"{site_server}/")
    assert page.get_by_text("Welcome back").count() == 0
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#main").get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{site_server}/")

    mine = page.get_by_role("region", name="Welcome back, Mateo Member")
    assert _shown(mine)
    assert _shown(mine.get_by_text(re.compile("Join Public alumni")).first)
    assert _shown(mine.get_by_role("link", name="Secret alumni").first)
    assert _shown(mine.get_by_role("link", name="Public alumni").first)
    assert _shown(mine.get_by_role("link", name="Training on diaspora bonds"))
    due = mine.locator("a[href*='/outcomes/follow-up/']")
    assert due.count() == 3
    assert all(_shown(link) for link in due.all())
    # The public front door is still there below.
    assert _shown(_block(page, "Case studies"))

    # A follow-up due opens its questionnaire.
    due.first.click()
    page.wait_for_url(re.compile(r"/outcomes/follow-up/"))
    assert _shown(page.get_by_role("button").filter(has_text=re.compile("Send|Submit")).first)
