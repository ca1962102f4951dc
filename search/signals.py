"""Enqueue indexing when anything searchable changes.

Saving, publishing and unpublishing save the model (Wagtail's ``DraftStateMixin`` sets
``live``), deleting sends ``post_delete``, many-to-many changes (taxonomy tags) send
``m2m_changed``, and a group's privacy change touches everything that belongs to the
group. Changes are collected per transaction and sent after the commit as one task per
type, so an import of a thousand items enqueues one bulk job, not a thousand.
"""

from __future__ import annotations

import logging
import threading

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from .registry import searchable_for_model, searchables

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


def enqueue(type_name: str, ids) -> None:
    """Index (type, ids) after the current transaction commits. Every change registers
    the flush (a rolled-back transaction drops its callbacks); the first flush after
    the commit sends everything collected, the others find nothing left to send."""
    _pending().setdefault(type_name, set()).update(int(pk) for pk in ids)
    transaction.on_commit(_flush)


def enqueue_object(obj: models.Model) -> None:
    searchable = searchable_for_model(type(obj))
    if searchable is not None and obj.pk is not None:
        enqueue(searchable.type, [obj.pk])
        for type_name, ids in searchable.dependents(obj).items():
            if ids:
                enqueue(type_name, ids)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    enqueue_object(instance)


def _on_delete(sender, instance, **kwargs) -> None:
    enqueue_object(instance)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        enqueue_object(instance)
    elif pk_set:
        searchable = searchable_for_model(model)
        if searchable is not None:
            enqueue(searchable.type, pk_set)


def _on_publish_change(sender, instance, **kwargs) -> None:
    """Wagtail's (un)publish signals: the save already enqueued the object, but pages
    and snippets can be (un)published by actions that save only some fields."""
    enqueue_object(instance)


def _on_page_move(sender, instance, **kwargs) -> None:
    enqueue_object(getattr(instance, "specific", instance))


def _remember_privacy(sender, instance, **kwargs) -> None:
    instance._search_privacy = instance.privacy


def _on_group_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A group's privacy decides who sees its content: reindex that content."""
    if raw or created or getattr(instance, "_search_privacy", None) == instance.privacy:
        instance._search_privacy = instance.privacy
        return
    instance._search_privacy = instance.privacy
    group_content_changed(instance)


def group_content_changed(group) -> None:
    for searchable in searchables().values():
        if searchable.group_path:
            ids = searchable.model._default_manager.filter(
                **{searchable.group_path: group.pk}
            ).values_list("pk", flat=True)
            enqueue(searchable.type, list(ids))


def connect() -> None:
    from wagtail import signals as wagtail_signals

    from community.models import Group

    for searchable in searchables().values():
        uid = f"search-model-{searchable.model._meta.label_lower}"
        post_save.connect(_on_save, sender=searchable.model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_delete, sender=searchable.model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="search-m2m")
    for signal in (
        wagtail_signals.published,
        wagtail_signals.unpublished,
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
    ):
        signal.connect(_on_publish_change, dispatch_uid=f"search-{id(signal)}")
    wagtail_signals.post_page_move.connect(_on_page_move, dispatch_uid="search-page-move")
    post_init.connect(_remember_privacy, sender=Group, dispatch_uid="search-privacy-init")
    post_save.connect(_on_group_save, sender=Group, dispatch_uid="search-privacy-save")
