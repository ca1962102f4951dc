"""The key pages, as served and rendered in Chromium, checked by axe-core (WCAG 2.0, 2.1
and 2.2, levels A and AA) and by the Nu HTML Checker (vnu).

Both tools come from npm (``tests/e2e/package.json``, installed by ``scripts/test.sh``
with ``npm ci --prefix tests/e2e``). A missing tool fails the test: an accessibility
check that silently skips is no check at all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from search import backends
from tests.casestudies import factories as casestudies
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory
from tests.forums.factories import CategoryFactory, PostFactory, TopicFactory
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory, ThemeFactory

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
INSTALL_HINT = "run `npm ci --prefix tests/e2e` (scripts/test.sh does it)"


@dataclass(frozen=True)
class KeyPage:
    name: str
    path: str
    shows: str
    signed_in: bool = False


@pytest.fixture
def search_on_elasticsearch(settings, monkeypatch, elasticsearch_url):
    """Indexes of this test only, written by this process and read by the site server
    (which takes its settings from the environment), so the search page shows real hits.
    Tests must request it (through ``key_pages``) before ``site_server``: the server
    copies the environment when it starts, and would otherwise read the shared indexes."""
    prefix = f"test_a11y_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("ELASTICSEARCH_URL", elasticsearch_url)
    monkeypatch.setenv("SEARCH_INDEX_PREFIX", prefix)
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 10.0,
        "REFRESH_ON_WRITE": True,
        "LANGUAGE_ANALYZERS": False,
    }
    backends.get_client.cache_clear()
    backends.circuit.reset()
    yield
    client = backends.get_client()
    names = list(client.indices.get(index=f"{prefix}*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    backends.get_client.cache_clear()
    backends.circuit.reset()


@pytest.fixture
def key_pages(search_on_elasticsearch, transactional_db):
    """One page of every kind a visitor or member meets, each with realistic content:
    filters applied, results present, comments, replies and a form to fill in."""
    philippines = casestudies.country("PH")
    theme = ThemeFactory(slug="labour-migration", name="Labour migration")
    case_study = casestudies.CaseStudyPageFactory(
        title="Pre-departure orientation in the Philippines",
        slug="orientation",
        countries=[philippines],
        themes=[theme],
    )
    casestudies.comment(case_study, text="We adapted the seminar for domestic workers.")
    casestudies.TestimonyFactory(title="A nurse remembers her orientation", slug="nurse-testimony")
    tour = casestudies.VirtualTourPageFactory(
        title="A walk through the orientation centre", slug="tour"
    )
    casestudies.tour_stop(tour, title="The waiting room", latitude=14.5995, longitude=120.9842)
    casestudies.tour_stop(tour, title="The classroom", latitude=14.6, longitude=120.99)
    casestudies.tour_stop(tour, title="The counselling desk")
    item = InventoryItemFactory(
        title="Orientation trainers' course",
        target_countries=[philippines],
        themes=[theme],
    )
    RecommendationFactory(title="Recognise skills across borders", inventory_items=[item])

    member = UserFactory(profile__display_name="Mateo Member")
    group = GroupFactory(name="Orientation alumni", slug="orientation-alumni")
    MembershipFactory(group=group, user=member)
    topic = TopicFactory(
        title="Orientation before departure: what works?",
        category=CategoryFactory(name="Labour migration"),
        author=UserFactory(profile__display_name="Amina Peer"),
    )
    PostFactory(topic=topic, author=member, body="We run it over **two days**.")

    return [
        KeyPage("home", "/", "Active discussions"),
        KeyPage("case-study listing", "/case-studies/", "Pre-departure orientation"),
        KeyPage("case-study detail", case_study.get_url(), "We adapted the seminar"),
        KeyPage("virtual tour", tour.get_url(), "The counselling desk"),
        KeyPage("virtual tour stop", f"{tour.get_url()}stops/2/", "Stop 2 of 3"),
        KeyPage(
            "inventory query",
            "/inventory/?q=orientation&country=PH&kind=training_activity&sort=-start",
            "Orientation trainers",
        ),
        KeyPage("search results", "/search/?q=orientation", "Orientation before departure"),
        KeyPage("sign-up", "/accounts/signup/", "Password"),
        KeyPage("forum topic", topic.get_absolute_url(), "two days", signed_in=True),
        KeyPage("group", f"/groups/{group.slug}/", "Orientation alumni", signed_in=True),
        KeyPage("profile", f"/members/{member.handle}/", "Mateo Member", signed_in=True),
        KeyPage("profile form", "/profile/", "Save profile", signed_in=True),
    ], member


def signed_in_context(browser, site_server: str, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", **options)
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


def _describe_violations(name: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{name}: [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node['failureSummary']}".replace("\n", " "))
    return lines


def test_key_pages_have_no_wcag_violations(browser, key_pages, site_server):
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: {INSTALL_HINT}")
    pages, member = key_pages
    # The site's CSP allows no script but its own files; Playwright injects axe only
    # because this context bypasses the CSP.
    contexts = {
        False: browser.new_context(locale="en-GB", bypass_csp=True),
        True: signed_in_context(browser, site_server, member, bypass_csp=True),
    }
    problems: list[str] = []
    for key_page in pages:
        page = contexts[key_page.signed_in].new_page()
        page.set_default_timeout(30_000)
        response = page.goto(f"{site_server}{key_page.path}")
        assert response is not None
        assert response.status == 200, f"{key_page.name} ({key_page.path}): {response.status}"
        text = page.locator("main").inner_text()
        assert key_page.shows in text, f"{key_page.name}: {key_page.shows!r} not in {text!r}"
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        problems += _describe_violations(key_page.name, results["violations"])
        page.close()
    for context in contexts.values():
        context.close()
    assert not problems, "axe found WCAG violations:\n" + "\n".join(problems)


def test_key_pages_are_valid_html(browser, key_pages, site_server, tmp_path):
    if not VNU_JAR.exists():
        pytest.fail(f"The Nu HTML Checker is not installed at {VNU_JAR}: {INSTALL_HINT}")
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is not installed: the Nu HTML Checker needs it (scripts/services.sh install)."
        )
    pages, member = key_pages
    contexts = {
        False: browser.new_context(locale="en-GB"),
        True: signed_in_context(browser, site_server, member),
    }
    files: dict[str, KeyPage] = {}
    for number, key_page in enumerate(pages):
        response = contexts[key_page.signed_in].request.get(f"{site_server}{key_page.path}")
        assert response.status == 200, f"{key_page.name} ({key_page.path}): {response.status}"
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.body())
        files[path.name] = key_page
    for context in contexts.values():
        context.close()

    # One JVM start for every page.
    checked = subprocess.run(  # noqa: S603
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *[str(tmp_path / name) for name in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(checked.stderr or checked.stdout)
    errors = [
        f"{files[m['url'].rsplit('/', 1)[-1]].name} line {m.get('lastLine')}: "
        f"{m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "the Nu HTML Checker found errors:\n" + "\n".join(errors)
