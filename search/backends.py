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

logger = logging.getLogger(__name__)

CIRCUIT_OPEN_SECONDS = 15.0


class Circuit:
    """Remembers, per process, that the cluster failed recently."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until: dict[str, float] = {}

    def _url(self) -> str:
        return settings.SEARCH["ELASTICSEARCH_URL"]

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

    conf = settings.SEARCH
    return Elasticsearch(
        conf["ELASTICSEARCH_URL"],
        request_timeout=conf["TIMEOUT"],
        max_retries=conf["MAX_RETRIES"],
        retry_on_timeout=True,
        retry_backoff_base=0.1,
        retry_backoff_cap=1.0,
    )


def _visible_group_ids(viewer) -> set[int] | None:
    from .visibility import visible_group_ids

    return visible_group_ids(viewer)


class DatabaseBackend:
    name = "database"

    def health(self) -> str:
        return "ok"

    def search(self, params, viewer):
        from . import database

        return database.search(params, _visible_group_ids(viewer))

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

    def __init__(self, url: str, *, timeout: float, max_retries: int) -> None:
        self.url = url
        self.timeout = timeout
        self.max_retries = max_retries

    @property
    def client(self):
        return get_client()

    def health(self) -> str:
        try:
            health = self.client.options(request_timeout=self.timeout).cluster.health()
        except Exception as exc:
            logger.warning("search: Elasticsearch unreachable: %s", exc)
            return f"error: {type(exc).__name__}"
        if health["status"] == "red":
            return "error: cluster status red"
        return "ok"

    def search(self, params, viewer):
        from . import queries

        return queries.search(self.client, params, _visible_group_ids(viewer))

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
            ElasticsearchBackend(
                conf["ELASTICSEARCH_URL"], timeout=conf["TIMEOUT"], max_retries=conf["MAX_RETRIES"]
            )
            if conf["ELASTICSEARCH_URL"]
            else None
        )

    @property
    def configured_name(self) -> str:
        return (self.elasticsearch or self.database).name

    def health(self) -> str:
        return (self.elasticsearch or self.database).health()

    def active_name(self, status: str) -> str:
        if self.elasticsearch is not None and status == "ok":
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
        results.incomplete = fell_back
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
