"""The search backends behind one small interface.

Elasticsearch is used when ``ELASTICSEARCH_URL`` is set; the database backend otherwise,
and whenever the cluster cannot be reached ("search may be down; the site may not").
The rest of the site calls :func:`get_search_backend` and then ``search()``,
``related()`` or ``autocomplete()``; it never sees an Elasticsearch exception.

Requests use short timeouts and the client retries with back-off; after a failure a
small circuit breaker sends requests straight to the database for a few seconds, so a
dead cluster does not make every page wait for its timeout.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import cache

from django.conf import settings

from . import connection

logger = logging.getLogger(__name__)

CIRCUIT_OPEN_SECONDS = 15.0


class Circuit:
    """Remembers, per process, that the cluster failed recently."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until: dict[str, float] = {}

    def _url(self) -> str:
        return settings.SEARCH["ELASTICSEARCH_URL"] or settings.SEARCH.get("CLOUD_ID", "")

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until.get(self._url(), 0.0)

    def record_failure(self, exc: Exception) -> None:
        if _is_unavailable(exc):
            with self._lock:
                self._open_until[self._url()] = time.monotonic() + CIRCUIT_OPEN_SECONDS

    def record_success(self) -> None:
        with self._lock:
            self._open_until.pop(self._url(), None)

    def reset(self) -> None:
        with self._lock:
            self._open_until.clear()


circuit = Circuit()


def _is_unavailable(exc: Exception) -> bool:
    from elastic_transport import ConnectionError as TransportConnectionError
    from elastic_transport import ConnectionTimeout
    from elasticsearch import ApiError

    if isinstance(exc, TransportConnectionError | ConnectionTimeout | ConnectionError):
        return True
    return isinstance(exc, ApiError) and exc.meta.status in {429, 502, 503, 504}


@cache
def get_client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(**connection.client_options())


def _visible_group_ids(viewer) -> set[int] | None:
    from .visibility import visible_group_ids

    return visible_group_ids(viewer)


class DatabaseBackend:
    name = "database"

    def health(self) -> str:
        return "ok"

    def search(self, params, viewer):
        from . import database
        from .understanding import answer

        visible = _visible_group_ids(viewer)
        return answer(
            params,
            lambda p, understanding, relaxed: database.search(
                p, visible, understanding, relaxed=relaxed
            ),
            lambda q: database.did_you_mean(q, visible),
        )

    def autocomplete(self, prefix: str, viewer):
        from . import database

        return database.autocomplete(prefix, _visible_group_ids(viewer))

    def related(self, document, chosen, viewer, *, types, per_section):
        from . import database

        return database.related(
            document, chosen, _visible_group_ids(viewer), types=types, per_section=per_section
        )


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, *, timeout: float, max_retries: int) -> None:
        self.timeout = timeout
        self.max_retries = max_retries

    @property
    def client(self):
        return get_client()

    def health(self) -> str:
        """``ok``; ``degraded: …`` when the cluster answers but some of the site's shards
        have no copy (a lost node, a red index: answers are flagged incomplete); or
        ``error: …`` when it cannot be reached (the database answers instead)."""
        from .documents import index_prefix

        try:
            health = self.client.options(request_timeout=self.timeout).cluster.health(
                index=f"{index_prefix()}-*"
            )
        except Exception as exc:
            logger.warning("search: Elasticsearch unreachable: %s", exc)
            return f"error: {type(exc).__name__}"
        if health["status"] == "red":
            missing = health.get("unassigned_primary_shards", health.get("unassigned_shards", 0))
            logger.warning("search: cluster red, %s primary shards unassigned", missing)
            return f"degraded: cluster red, {missing} primary shards have no copy"
        return "ok"

    def search(self, params, viewer):
        from . import queries
        from .understanding import answer

        client, visible = self.client, _visible_group_ids(viewer)
        return answer(
            params,
            lambda p, understanding, relaxed: queries.search(
                client, p, visible, understanding, relaxed=relaxed
            ),
            lambda q: queries.did_you_mean(client, q, visible),
        )

    def autocomplete(self, prefix: str, viewer):
        from . import queries

        return queries.autocomplete(self.client, prefix, _visible_group_ids(viewer))

    def related(self, document, chosen, viewer, *, types, per_section):
        from . import queries

        return queries.related(
            self.client,
            document,
            chosen,
            _visible_group_ids(viewer),
            types=types,
            per_section=per_section,
        )


class SearchBackendHandle:
    """What the rest of the site asks: which backend is configured, which answers, and
    the three questions — each answered by Elasticsearch or, failing that, the database."""

    def __init__(self) -> None:
        conf = settings.SEARCH
        self.database = DatabaseBackend()
        self.elasticsearch = (
            ElasticsearchBackend(timeout=conf["TIMEOUT"], max_retries=conf["MAX_RETRIES"])
            if connection.is_configured()
            else None
        )

    @property
    def configured_name(self) -> str:
        return (self.elasticsearch or self.database).name

    def health(self) -> str:
        return (self.elasticsearch or self.database).health()

    def active_name(self, status: str) -> str:
        """The backend that answers a search now: Elasticsearch whenever it can be
        reached and the circuit breaker lets requests through (even degraded: it then
        answers, flagged incomplete), the database otherwise."""
        if self.elasticsearch is not None and not status.startswith("error") and circuit.allows():
            return self.elasticsearch.name
        return self.database.name

    def _ask(self, method: str, *args, **kwargs):
        """Ask Elasticsearch, and the database if it fails. Returns (answer, fell_back)."""
        if self.elasticsearch is not None and circuit.allows():
            try:
                answer = getattr(self.elasticsearch, method)(*args, **kwargs)
            except Exception as exc:
                logger.warning("search: %s fell back to the database: %r", method, exc)
                circuit.record_failure(exc)
            else:
                circuit.record_success()
                return answer, False
        answer = getattr(self.database, method)(*args, **kwargs)
        return answer, self.elasticsearch is not None

    def search(self, params, *, viewer):
        """``params`` is a :class:`search.results.SearchParams` (query, filters, page,
        sort); returns :class:`search.results.SearchResults`."""
        results, fell_back = self._ask("search", params, viewer)
        results.incomplete = results.incomplete or fell_back
        return results

    def autocomplete(self, prefix: str, *, viewer) -> list:
        suggestions, _fell_back = self._ask("autocomplete", prefix, viewer)
        return suggestions

    def related(self, obj, *, viewer, per_section: int = 5):
        """Related items for ``obj`` (see :mod:`search.relatedness`)."""
        from .relatedness import related_for

        return related_for(self, obj, viewer=viewer, per_section=per_section)


def get_search_backend() -> SearchBackendHandle:
    return SearchBackendHandle()
