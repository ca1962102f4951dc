"""Keeping documents fresh: what changed, and which documents show it.

**The public function is** :func:`index_after_commit`: "these objects changed, or are
about to be deleted — bring every document they show in up to date once the
transaction commits". Saves and deletions of searchable models, and of the models their
documents are built from (``Searchable.sources``: a topic's posts and category), reach it
through ``search.signals`` on their own; a write that bypasses model signals
(``QuerySet.update()``, raw SQL) calls it itself — account deletion anonymising or
rewriting a member's posts, for instance::

    posts = Post.objects.filter(author=user)
    index_after_commit(posts)  # before a delete(): the lookups need the rows
    posts.update(body="")

Changes are collected per transaction and sent after the commit as one task per type
(``search.tasks.index_objects`` runs ``search.indexing.sync``), so an import of a
thousand items enqueues one bulk job, not a thousand, and a rolled-back transaction
indexes nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from django.db import models, transaction

from .registry import Searchable, searchable_for_model, searchables

logger = logging.getLogger(__name__)

_local = threading.local()


def _pending() -> dict[str, set[int]]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def _flush() -> None:
    from .tasks import index_objects

    pending, _local.pending = _pending(), {}
    for type_name, ids in pending.items():
        try:
            index_objects.enqueue(type_name, sorted(ids))
        except Exception:
            logger.exception("search: could not enqueue indexing of %s %s", type_name, ids)


def enqueue(type_name: str, ids: Iterable[int]) -> None:
    """Index (type, ids) after the current transaction commits. Every change registers
    the flush (a rolled-back transaction drops its callbacks); the first flush after
    the commit sends everything collected, the others find nothing left to send."""
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    _pending().setdefault(type_name, set()).update(ids)
    transaction.on_commit(_flush)


def index_after_commit(*objects: models.Model | models.QuerySet) -> None:
    """These objects (model instances or querysets) changed, or are about to be
    deleted: after the commit, reindex — or remove from the index — every document
    that shows them, on Elasticsearch and on the database backend.

    An object may be searchable itself (a topic, a case study), or something a
    document is built from (a post: its topic's document carries its text). Call it
    inside the transaction that makes the change; for a deletion, call it before
    deleting, while the rows still lead to their documents."""
    for obj in objects:
        if isinstance(obj, models.QuerySet):
            _queryset_changed(obj)
        elif obj is not None and obj.pk is not None:
            _instance_changed(obj)


def _instance_changed(obj: models.Model) -> None:
    searchable = searchable_for_model(type(obj))
    if searchable is not None:
        enqueue(searchable.type, [obj.pk])
        for type_name, ids in searchable.dependents(obj).items():
            enqueue(type_name, ids)
    for built_from, path in _built_from(type(obj)):
        enqueue(built_from.type, _document_ids(built_from, path, [obj]))


def _queryset_changed(queryset: models.QuerySet) -> None:
    searchable = searchable_for_model(queryset.model)
    if searchable is not None:
        for obj in queryset:
            _instance_changed(obj)
        return
    for built_from, path in _built_from(queryset.model):
        enqueue(built_from.type, _document_ids(built_from, path, queryset))


def _built_from(model: type[models.Model]) -> list[tuple[Searchable, str]]:
    """The searchables whose documents are built from ``model``, with their lookups."""
    return [
        (searchable, path)
        for searchable in searchables().values()
        for source, path in searchable.sources.items()
        if issubclass(model, source)
    ]


def _document_ids(
    searchable: Searchable, path: str, objects: list[models.Model] | models.QuerySet
) -> list[int]:
    """Ids of ``searchable``'s documents that ``objects`` feed through ``path``.

    When ``path`` is the reverse of a foreign key on the source (a topic's ``posts``),
    the source row names its document itself: no query, and it still works while the
    row is being deleted."""
    field = searchable.model._meta.get_field(path.split("__")[0])
    if "__" not in path and field.one_to_many:
        attname = field.field.attname
        if isinstance(objects, models.QuerySet):
            return list(objects.values_list(attname, flat=True).distinct())
        return [getattr(obj, attname) for obj in objects]
    pks = (
        list(objects.values_list("pk", flat=True))
        if isinstance(objects, models.QuerySet)
        else [obj.pk for obj in objects]
    )
    return list(
        searchable.model._default_manager.filter(**{f"{path}__in": pks})
        .values_list("pk", flat=True)
        .distinct()
    )


def group_content_changed(group_id: int) -> None:
    """Who may see a group's content changed: reindex everything that belongs to it."""
    for searchable in searchables().values():
        if searchable.group_path:
            ids = searchable.model._default_manager.filter(
                **{searchable.group_path: group_id}
            ).values_list("pk", flat=True)
            enqueue(searchable.type, list(ids))
