"""The site's sections, as the header's navigation offers them.

``core`` knows no domain app (see the import-linter contracts), so each app declares its
own sections here from its ``AppConfig.ready()``, with the rule that says who may open
each one: the rule is the one the view itself asks, so a member never sees a link to a
page that would refuse them. The header renders :func:`links_for` through
``{% site_sections %}`` (``core.templatetags.navigation_tags``).

Sections are *primary* (the row every visitor sees: case studies, inventory, forums,
groups, members) or *more* (everything else, behind the "More" disclosure); within
each, they keep the order of ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

PRIMARY = "primary"
MORE = "more"


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str = ""
    path: str = ""
    place: str = MORE
    order: int = 100
    may_open: Callable[[object], bool] = everyone

    @property
    def url(self) -> str:
        """A routed view by name, or a CMS page by its path (``path``)."""
        return reverse(self.url_name) if self.url_name else self.path


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Declare a section (an app's ``ready()`` calls this; declaring one key twice keeps
    the last, so a reloaded app does not list a section twice)."""
    _SECTIONS[section.key] = section


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.place != PRIMARY, s.order, s.key))


def links_for(user) -> dict[str, list[Section]]:
    """The sections ``user`` may open, by place. Rules that need the database only run
    for signed-in members, so an anonymous page asks none."""
    visible: dict[str, list[Section]] = {PRIMARY: [], MORE: []}
    for section in sections():
        if section.may_open is everyone or (signed_in(user) and section.may_open(user)):
            visible[section.place].append(section)
    return visible
