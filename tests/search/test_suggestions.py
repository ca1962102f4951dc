""" "Did you mean" is built from what the viewer may see, on both backends: a word that
occurs only in a private group's discussions is never offered to an outsider."""

import re

import pytest

from community.models import Group, Membership
from tests.forums.factories import CategoryFactory, GroupFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    request.getfixturevalue("db_backend" if request.param == "database" else "es")
    return request.param


@pytest.fixture
def private_words(backend, django_capture_on_commit_callbacks, member):
    """ "xylophonic" only in a private group's topics (twice, so it is the commoner
    spelling), "xylophonics" in a public topic."""
    group = GroupFactory(name="Sahel mayors", slug="sahel-mayors", privacy=Group.Privacy.PRIVATE)
    Membership.objects.create(group=group, user=member)
    category = CategoryFactory(name="Mayors only", slug="mayors-only", group=group)
    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory(category=category, title="Xylophonic budget lines")
        TopicFactory(category=category, title="Xylophonic town twinning")
        TopicFactory(title="Xylophonics for local authorities")


def _suggestion(client, q: str) -> str:
    """The API's suggestion, after checking the search page offers the same."""
    suggestion = client.get("/api/v1/search/", {"q": q}).json()["suggestion"]
    page = client.get("/search/", {"q": q}).content.decode()
    offered = re.search(r'class="did-you-mean">.*?<a [^>]*>([^<]*)</a>', page, re.S)
    assert (offered.group(1) if offered else "") == suggestion
    return suggestion


def test_an_outsider_is_never_offered_a_word_of_a_private_group(
    client, private_words, other_member
):
    client.force_login(other_member)

    assert _suggestion(client, "xylophonix") == "xylophonics"


def test_a_member_is_offered_the_words_of_their_group(client, private_words, member):
    client.force_login(member)

    assert _suggestion(client, "xylophonix") == "xylophonic"
