"""``core.versioned``: site-wide data cached under a version that a change replaces."""

from __future__ import annotations

import pytest

from core.versioned import Versioned

pytestmark = pytest.mark.django_db  # a bump is also made again after the commit


@pytest.fixture
def family():
    return Versioned("test-family")


def test_entry_is_computed_once_while_its_version_holds(family):
    calls = []

    def compute():
        calls.append(1)
        return {"rows": len(calls)}

    assert family.get_or_set("rows", compute) == {"rows": 1}
    assert family.get_or_set("rows", compute) == {"rows": 1}
    family.forget()  # another process: reads the shared cache, not this one's copy
    assert family.get_or_set("rows", compute) == {"rows": 1}
    assert len(calls) == 1


def test_bump_makes_every_entry_of_the_family_stale(family):
    values = iter(["old", "new"])
    assert family.get_or_set("label", lambda: next(values)) == "old"

    family.bump()

    assert family.get_or_set("label", lambda: next(values)) == "new"


def test_bump_ignores_fixture_loading(family):
    assert family.get_or_set("label", lambda: "old") == "old"

    family.bump(raw=True)

    assert family.get_or_set("label", lambda: "new") == "old"


def test_unshared_entries_are_a_fresh_copy_for_each_reader(family):
    first = family.get_or_set("page", lambda: {"title": "A"}, shared=False)
    first["title"] = "changed by a request"

    assert family.get_or_set("page", lambda: {"title": "B"}, shared=False) == {"title": "A"}
