"""Site-wide data that every page reads and editors rarely change, cached under a
version that a change replaces.

The site's Wagtail ``Site`` rows, its locales, the page-privacy restrictions and the
taxonomy labels are read on every page, by every reader, and change a few times a day.
Reading them from the database on each request was a third of the queries of a
case-study page (issue #16). Each family of such data is a :class:`Versioned`: its
entries are stored under keys that carry the family's current version, and a change
replaces the version, so every entry of the family becomes unreachable at once (the old
keys expire on their own). Whoever owns the data connects its signals to
:meth:`Versioned.bump`.

- **Read the version before computing** (``get_or_set`` does), so a change that lands
  while an entry is being computed makes that entry stale at once.
- **Bump twice**: at once, so that the rest of the same transaction (and a test, which
  never commits) reads fresh data, and again after the commit, so that a request that
  read the old rows while the transaction was open cannot have stored them under the
  new version.
- Entries of plain data (taxonomy rows, paths) are also kept in the process for the
  lifetime of their version, so a request pays one cache round trip (the version)
  rather than unpickling them again; pages are not shared between requests.
- The cache is an optimisation, never a dependency: when it is unreachable
  (``core.cache.ResilientRedisCache`` answers a miss) the data is computed as before.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: How long an entry lives when nothing changes (seconds): a safety net, not freshness.
ENTRY_TIMEOUT = 6 * 60 * 60


class Versioned:
    def __init__(self, name: str) -> None:
        self.name = name
        self.version_key = f"versioned:{name}:version"
        self._local: dict[Hashable, tuple[str, Any]] = {}

    def version(self) -> str:
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, uuid.uuid4().hex, None)
            version = cache.get(self.version_key) or "unversioned"
        return version

    def get_or_set(self, part: Hashable, compute: Callable[[], T], *, shared: bool = True) -> T:
        """The entry ``part`` of this family under the current version, computed (and
        stored) when missing. ``shared=False`` for model instances a request may
        annotate (pages): each request then gets its own copy from the cache rather
        than the process's one."""
        version = self.version()
        local = self._local.get(part) if shared else None
        if local is not None and local[0] == version:
            return local[1]
        digest = hashlib.sha256(repr(part).encode()).hexdigest()[:32]
        key = f"versioned:{self.name}:{version}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute()
            if version != "unversioned":
                try:
                    cache.set(key, value, ENTRY_TIMEOUT)
                except (pickle.PicklingError, TypeError, AttributeError) as exc:
                    logger.warning("versioned %s: %r not cached: %s", self.name, part, exc)
        if shared and version != "unversioned":
            self._local[part] = (version, value)
        return value

    def bump(self, *args: Any, raw: bool = False, **kwargs: Any) -> None:
        """Make every entry of the family stale, now and after the commit. Accepts a
        signal's arguments, so it can be connected as a receiver directly."""
        if raw:  # fixtures loading: the data migration's rows come with the first read
            return
        self._replace()
        transaction.on_commit(self._replace)

    def forget(self) -> None:
        """Drop what this process holds (tests, whose rows go back with a rollback)."""
        self._local.clear()

    def _replace(self) -> None:
        cache.set(self.version_key, uuid.uuid4().hex, None)


_families: dict[str, Versioned] = {}


def family(name: str) -> Versioned:
    """The one :class:`Versioned` of that name (modules ask for it by name)."""
    if name not in _families:
        _families[name] = Versioned(name)
    return _families[name]


def forget_all() -> None:
    for versioned in _families.values():
        versioned.forget()


def bump_all(**kwargs: Any) -> None:
    """After ``migrate``: data migrations write without the signals the families listen
    to (historical models), so every family starts afresh."""
    for versioned in _families.values():
        versioned.bump()
