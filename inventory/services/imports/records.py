"""What an import passes between its steps: the rules of the file format, the cleaned
records, the result, and the rejection listing every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from inventory.exchange import Issue

Progress = Callable[[Iterable, int, str], Iterable]

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TRUE_WORDS = {"true", "yes", "1", "y"}
FALSE_WORDS = {"false", "no", "0", "n", ""}
ITEM_RELATIONS = {
    "providers": "organisations",
    "target_countries": "countries",
    "target_regions": "regions",
    "sectors": "sectors",
    "themes": "themes",
    "audiences": "audiences",
}
RELATION_NOUNS = {
    "organisations": "organisation",
    "countries": "country code",
    "regions": "M49 region code",
    "sectors": "sector",
    "themes": "theme",
    "audiences": "audience",
}


class ImportRejected(Exception):
    """The file has problems; nothing was written. ``issues`` lists every one of them."""

    def __init__(self, issues: list[Issue]):
        super().__init__(_("%(count)d problem(s) in the file") % {"count": len(issues)})
        self.issues = issues


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {"items": 0, "recommendations": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"items": 0, "recommendations": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"items": 0, "recommendations": 0})

    @property
    def total(self) -> int:
        return sum(sum(counts.values()) for counts in (self.created, self.updated, self.unchanged))

    def summary(self) -> str:
        return _(
            "Inventory items: %(ic)d created, %(iu)d updated, %(in)d unchanged. "
            "Recommendations: %(rc)d created, %(ru)d updated, %(rn)d unchanged."
        ) % {
            "ic": self.created["items"],
            "iu": self.updated["items"],
            "in": self.unchanged["items"],
            "rc": self.created["recommendations"],
            "ru": self.updated["recommendations"],
            "rn": self.unchanged["recommendations"],
        }


@dataclass
class CleanRecord:
    entity: str
    where: str
    external_id: str
    values: dict[str, Any]  # model field → python value (present fields only)
    relations: dict[str, list]  # m2m field → objects (present fields only)
    record: dict[str, Any]  # the canonical export form of the present fields
