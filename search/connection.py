"""How the site reaches Elasticsearch: one place that turns the settings into a client.

Production clusters are reached the way people run them: a list of nodes (the client
sniffs nothing and round-robins over the list, retrying a request on the next node when
one is down) or an Elastic Cloud id, API-key or basic authentication, and TLS verified
against a CA file. Everything comes from ``settings.SEARCH`` (and so from the
environment, see ``config/settings/base.py``); nothing here reads ``os.environ``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def node_urls(value: str | None = None) -> list[str]:
    """The node URLs of ``ELASTICSEARCH_URL``: one URL or a comma-separated list.

    Raises :class:`ImproperlyConfigured` for anything that is not an http(s) URL with a
    host, so that a value the client cannot use fails at start-up (and in tests), not as a
    silent fall-back to the database on every search.
    """
    raw = settings.SEARCH["ELASTICSEARCH_URL"] if value is None else value
    urls = [part.strip() for part in (raw or "").split(",") if part.strip()]
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ImproperlyConfigured(
                f"ELASTICSEARCH_URL: {url!r} is not an http(s) URL with a host "
                "(give one URL or a comma-separated list of node URLs)"
            )
    return urls


def is_configured() -> bool:
    """Whether search should go to Elasticsearch (nodes or a cloud id are set)."""
    conf = settings.SEARCH
    return bool(conf.get("CLOUD_ID") or node_urls())


def client_options() -> dict[str, Any]:
    """Keyword arguments for :class:`elasticsearch.Elasticsearch`, secrets included —
    never log or render the result."""
    conf = settings.SEARCH
    options: dict[str, Any] = {
        "request_timeout": conf["TIMEOUT"],
        "max_retries": conf["MAX_RETRIES"],
        "retry_on_timeout": True,
        "retry_backoff_base": 0.1,
        "retry_backoff_cap": 1.0,
    }
    if conf.get("CLOUD_ID"):
        options["cloud_id"] = conf["CLOUD_ID"]
    else:
        options["hosts"] = node_urls()
    if conf.get("API_KEY"):
        options["api_key"] = conf["API_KEY"]
    elif conf.get("USERNAME"):
        options["basic_auth"] = (conf["USERNAME"], conf.get("PASSWORD") or "")
    if conf.get("CA_CERTS"):
        options["ca_certs"] = conf["CA_CERTS"]
    if conf.get("VERIFY_CERTS") is False:
        options["verify_certs"] = False
        options["ssl_show_warn"] = False
    return options


def describe() -> str:
    """Where search goes, for logs and the health report: node hosts, never credentials."""
    conf = settings.SEARCH
    if conf.get("CLOUD_ID"):
        return "Elastic Cloud"
    hosts = [urlsplit(url) for url in node_urls()]
    return ", ".join(f"{parts.scheme}://{parts.hostname}:{parts.port or 9200}" for parts in hosts)


def index_settings() -> dict[str, Any]:
    """Shards and replicas of every new index, from the settings.

    The default, ``auto_expand_replicas: "0-1"``, keeps one copy of each shard on another
    node as soon as the cluster has two, so losing a node loses no results, and still
    lets the single test node go green (a replica that cannot be placed is never asked
    for). ``SEARCH_NUMBER_OF_REPLICAS`` fixes the number instead.
    """
    conf = settings.SEARCH
    result: dict[str, Any] = {"number_of_shards": conf.get("NUMBER_OF_SHARDS", 1)}
    replicas = conf.get("NUMBER_OF_REPLICAS")
    if replicas is None:
        result["auto_expand_replicas"] = conf.get("AUTO_EXPAND_REPLICAS") or "0-1"
    else:
        result["number_of_replicas"] = replicas
    return result
