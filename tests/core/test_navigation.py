"""No dead ends: for each kind of person, starting at the home page and following links
(as a browser would, without typing a URL) reaches every section of the site they may
use, and no link they are shown answers 403 (or fails)."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client

from tests.community.factories import UserFactory
from tests.quality.factories import build_world

pytestmark = pytest.mark.django_db

#: Links the crawler does not follow: other languages (the same pages), the admin, files.
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/fr/", "/es/")
SKIP_SUFFIXES = (".csv", ".json", ".xml", ".ics", ".txt", "/feed/", "/rss/", "/export/")
MAX_PAGES = 400
HREF = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]+)\"", re.IGNORECASE)

EVERYONE = {
    "/case-studies/",
    "/inventory/",
    "/recommendations/",
    "/forums/",
    "/forums/rooms/",
    "/groups/",
    "/members/",
    "/needs/",
    "/outcomes/replications/",
    "/certificates/verify/",
}
MEMBERS = {"/profile/following/", "/outcomes/my-follow-ups/", "/accounts/2fa/"}
ORGANISER = {
    "/outcomes/dashboard/",
    "/groups/private-alumni/invitations/",
    "/groups/private-alumni/roster/",
    "/forums/groups/private-alumni/categories/new/",
    "/forums/groups/private-alumni/rooms/new/",
    "/outcomes/cohorts/private-alumni/follow-up/",
    "/outcomes/cohorts/private-alumni/certificates/",
    "/outcomes/dashboard/cohorts/private-alumni/",
}
EDITOR = {"/outcomes/dashboard/", "/needs/gaps/"}
MODERATOR = {"/forums/moderation/flags/", "/comments/moderation/"}
EXPECTED = {
    "anonymous": EVERYONE,
    "member": EVERYONE | MEMBERS,
    "owner": EVERYONE | MEMBERS | ORGANISER,
    "editor": EVERYONE | MEMBERS | EDITOR,
    "moderator": EVERYONE | MEMBERS | MODERATOR,
    "staff": EVERYONE | MEMBERS | ORGANISER | EDITOR | MODERATOR,
}
#: Pages each role must *not* be shown a link to (they would refuse them).
NOT_SHOWN = {
    "anonymous": MEMBERS | ORGANISER | EDITOR | MODERATOR,
    "member": ORGANISER | EDITOR | MODERATOR,
    "owner": {"/needs/gaps/", "/comments/moderation/"},
    "editor": MODERATOR,
    "moderator": ORGANISER | EDITOR,
}


def _person(world, role: str):
    if role == "owner":
        return world.owner
    if role == "editor":
        user = UserFactory(is_staff=True, profile__display_name="Elena Editor")
        user.groups.add(AuthGroup.objects.get(name="Editors"))
        return user
    if role == "moderator":
        user = UserFactory(profile__display_name="Sara Site-moderator")
        user.groups.add(AuthGroup.objects.get(name="Moderators"))
        return user
    return world.user(role)


def _links(path: str, html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        parts = urlsplit(urljoin(path, unescape(href)))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        target = parts.path
        if target.startswith(SKIP_PREFIXES) or target.endswith(SKIP_SUFFIXES):
            continue
        found.add(target)
    return found


def crawl(client: Client) -> dict[str, int]:
    """Breadth-first from ``/``: the status of every page reached (bounded)."""
    statuses: dict[str, int] = {}
    queue, seen = deque(["/"]), {"/"}
    while queue and len(statuses) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in _links(path, response.content.decode()) - seen:
            seen.add(link)
            queue.append(link)
    return statuses


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_section_is_reached_from_the_home_page_and_no_link_is_refused(role):
    world = build_world()
    client = Client()
    person = _person(world, role)
    if person is not None:
        client.force_login(person)
    statuses = crawl(client)
    assert len(statuses) < MAX_PAGES, "the crawl was cut short: raise MAX_PAGES"
    missing = EXPECTED[role] - {path for path, status in statuses.items() if status == 200}
    assert not missing, f"{role} cannot reach {sorted(missing)} from the home page"
    refused = sorted(path for path, status in statuses.items() if status == 403 or status >= 500)
    assert not refused, f"{role} is shown links that answer {refused}"
    assert not NOT_SHOWN.get(role, set()) & set(statuses)
