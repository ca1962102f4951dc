"""The health report behind ``/healthz``: one line per dependency, never a traceback."""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection

from search.health import health as search_health

logger = logging.getLogger(__name__)


def _error(exc: Exception) -> str:
    return f"error: {type(exc).__name__}"


def check_database() -> str:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:
        logger.warning("health: database unreachable: %s", exc)
        return _error(exc)


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
        return "ok" if value == "1" else "error: cache did not return the value it stored"
    except Exception as exc:
        logger.warning("health: cache unreachable: %s", exc)
        return _error(exc)


def check_channel_layer() -> str:
    layer = get_channel_layer()
    if layer is None:
        return "error: no channel layer configured"

    async def roundtrip() -> bool:
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "health.ping"})
        message = await layer.receive(channel)
        return message.get("type") == "health.ping"

    try:
        return "ok" if async_to_sync(roundtrip)() else "error: wrong message"
    except Exception as exc:
        logger.warning("health: channel layer unreachable: %s", exc)
        return _error(exc)


def health_report() -> tuple[dict, bool]:
    """Return the report and whether the site can serve (the database is up)."""
    database = check_database()
    report = {
        "database": database,
        "cache": check_cache(),
        "channel_layer": check_channel_layer(),
        "search": search_health(),
    }
    return report, database == "ok"
