"""The search backends behind one small interface.

Elasticsearch is used when ``ELASTICSEARCH_URL`` is set; the database backend otherwise,
and whenever the cluster cannot be reached ("search may be down; the site may not").
"""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings

logger = logging.getLogger(__name__)


class DatabaseBackend:
    name = "database"

    def health(self) -> str:
        return "ok"


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


@cache
def get_client():
    from elasticsearch import Elasticsearch

    conf = settings.SEARCH
    return Elasticsearch(
        conf["ELASTICSEARCH_URL"],
        request_timeout=conf["TIMEOUT"],
        max_retries=conf["MAX_RETRIES"],
        retry_on_timeout=True,
    )


class SearchBackendHandle:
    """What the rest of the site asks: which backend is configured, and which answers."""

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


def get_search_backend() -> SearchBackendHandle:
    return SearchBackendHandle()
