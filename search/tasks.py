"""Background work for search (django-tasks). Arguments are plain (type, ids) so that a
task is cheap to enqueue from ``transaction.on_commit`` and safe to run twice."""

from __future__ import annotations

import logging

from django_tasks import task

from . import indexing

logger = logging.getLogger(__name__)


@task()
def index_objects(type_name: str, ids: list[int]) -> bool:
    """(Re)index or delete ``ids`` of ``type_name``, whichever each one needs now."""
    return indexing.sync(type_name, ids)


@task()
def replay_pending_updates() -> int:
    """Send the updates Elasticsearch missed while it was down."""
    return indexing.replay_pending()
