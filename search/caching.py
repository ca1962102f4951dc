"""A shared cache of *Related* for the page being read.

Related items cost about half of a case-study page (a more_like_this query plus the
documents behind it), yet they change only when something searchable changes. Every
change goes through :func:`search.indexing.sync` or a rebuild, which bump one
*generation* number; cached answers are keyed by that generation, so a publish, an
edit, a deletion or a group's privacy change makes every cached answer unreachable at
once (and the old keys expire on their own).

The key also carries what decides the answer for this viewer: the language (labels
and reasons are translated) and the set of groups whose content the viewer may see
(``community.selectors``' rule), so a member of a private group never gets an
anonymous reader's answer, or the other way round.

The cache is an optimisation, never a dependency: when it is unreachable (Redis
down) the answer is computed as before.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger(__name__)

GENERATION_KEY = "search:generation"
RELATED_TIMEOUT = 600


def generation() -> int:
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            value = cache.get(GENERATION_KEY, 1)
        return int(value)
    except Exception as exc:  # noqa: BLE001 - the cache is optional
        logger.warning("search: cache unavailable, generation unknown: %s", exc)
        return -1


def bump_generation() -> None:
    """Something searchable changed: cached answers no longer hold."""
    try:
        if not cache.add(GENERATION_KEY, 2, timeout=None):
            cache.incr(GENERATION_KEY)
    except ValueError:  # expired between add and incr
        cache.set(GENERATION_KEY, 2, timeout=None)
    except Exception as exc:  # noqa: BLE001 - the cache is optional
        logger.warning("search: could not invalidate cached related items: %s", exc)


def _visibility_token(viewer) -> str:
    from .visibility import visible_group_ids

    visible = visible_group_ids(viewer)
    if visible is None:
        return "all"
    return hashlib.sha1(  # noqa: S324 - a cache key, not a secret
        ",".join(str(pk) for pk in sorted(visible)).encode(), usedforsecurity=False
    ).hexdigest()[:16]


def cached_related(*, type_name: str, pk: int, viewer, per_section: int, compute: Callable):
    """The cached answer, or ``compute()`` stored for the next reader. An answer that
    fell back to the database (Elasticsearch down) is not stored, so readers get the
    full answer as soon as the cluster is back."""
    current = generation()
    if current < 0:
        return compute()
    key = ":".join(
        [
            "search:related",
            str(current),
            translation.get_language() or "",
            _visibility_token(viewer),
            type_name,
            str(pk),
            str(per_section),
        ]
    )
    try:
        answer = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache is optional
        answer = None
    if answer is not None:
        return answer
    answer = compute()
    if not getattr(answer, "incomplete", False):
        try:
            cache.set(key, answer, timeout=RELATED_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - the cache is optional
            logger.warning("search: could not cache related items: %s", exc)
    return answer
