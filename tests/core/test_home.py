"""The home page as a front door: live public content in every block, a personal home
for members, and a fixed number of queries however much content there is."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Invitation
from community.services.follows import follow_create
from core.models import HomePage, HomePageFeature
from outcomes.services.needs import need_endorse
from tests.casestudies.factories import CaseStudyPageFactory
from tests.forums.factories import CategoryFactory, LiveRoomFactory, TopicFactory
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory
from tests.outcomes.factories import NeedFactory
from tests.quality.factories import build_world

pytestmark = pytest.mark.django_db

#: The anonymous home page's query budget: session/site look-ups plus a fixed number per
#: block (case studies 3, inventory 2, recommendations 1, rooms 1, topics 1, evidence 4).
ANONYMOUS_BUDGET = 18


def _section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"no block {heading_id}"
    return match.group(0)


@pytest.fixture
def world():
    return build_world()


def test_visitor_finds_every_block_with_live_content(client, world):
    html = client.get("/").content.decode()
    assert world.case_study.title in _section(html, "home-case-studies")
    assert world.item.title in _section(html, "home-inventory")
    assert "Public room" in _section(html, "home-live")
    assert "Public question on orientation" in _section(html, "home-discussions")
    assert world.recommendation.title in _section(html, "home-recommendations")
    evidence = _section(html, "home-evidence")
    assert re.search(r"<strong>3</strong> certificates issued", evidence)


def test_home_page_shows_no_private_content_even_to_members(client, world):
    client.force_login(world.users["member"])
    html = client.get("/").content.decode()
    for private in ("Private room", "Secret room", "Private question", "Secret question"):
        assert private not in html


def test_editors_featured_case_study_comes_first(client, world):
    chosen = CaseStudyPageFactory(title="Diaspora bonds in Ghana", slug="diaspora-bonds")
    home = HomePage.objects.get(locale__language_code="en")
    HomePageFeature.objects.create(home=home, page=chosen, sort_order=0)
    html = client.get("/").content.decode()
    block = _section(html, "home-case-studies")
    featured, latest = block.split("Latest", 1)
    assert "Diaspora bonds in Ghana" in featured
    assert "Diaspora bonds in Ghana" not in latest
    assert world.case_study.title in latest


def test_anonymous_home_page_keeps_its_query_budget_whatever_the_content(client, world):
    client.get("/")  # warms the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as before:
        assert client.get("/").status_code == 200
    category = CategoryFactory()
    for n in range(4):
        CaseStudyPageFactory(title=f"More practice {n}", slug=f"more-practice-{n}")
        InventoryItemFactory(external_id=f"more-item-{n}")
        RecommendationFactory(external_id=f"more-rec-{n}")
        TopicFactory(category=category)
        LiveRoomFactory()
    client.get("/")
    with CaptureQueriesContext(connection) as after:
        assert client.get("/").status_code == 200
    assert len(after) == len(before)
    assert len(after) <= ANONYMOUS_BUDGET, [q["sql"] for q in after.captured_queries]


def test_member_gets_a_personal_home(client, world):
    member = world.users["member"]
    Invitation.objects.create(
        group=world.groups["public"], email=member.email, invited_by=world.owner
    )
    follow_create(user=member, target=world.groups["public"])
    need = NeedFactory(author=world.owner, title="Training on diaspora bonds")
    need_endorse(need=need, user=member)
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "Welcome back, Mateo Member" in html
    assert "Join Public alumni" in _section(html, "home-invitations")
    assert "Secret alumni" in _section(html, "home-my-groups")
    assert "Public alumni" in _section(html, "home-following")
    due = _section(html, "home-my-follow-ups")
    assert due.count("/outcomes/follow-up/") == 3
    assert "Training on diaspora bonds" in _section(html, "home-my-needs")


def test_anonymous_visitor_gets_no_personal_blocks(client, world):
    html = client.get("/").content.decode()
    assert "Welcome back" not in html
    assert 'id="home-my-groups"' not in html
