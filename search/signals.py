"""Model signals that reach :func:`search.updates.index_after_commit`.

Saving, publishing and unpublishing save the model (Wagtail's ``DraftStateMixin`` sets
``live``), deleting sends ``pre_delete`` (received before the rows go, so that lookups
from a deleted post to its topic still work), many-to-many changes (taxonomy tags) send
``m2m_changed``. The models watched are the searchable ones and those their documents
are built from (``Searchable.sources``). A group's privacy change touches everything
that belongs to the group: community announces it (``community.events``), after the
commit.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .registry import searchable_for_model, searchables
from .updates import enqueue, group_content_changed, index_after_commit

logger = logging.getLogger(__name__)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    index_after_commit(instance)


def _on_delete(sender, instance, **kwargs) -> None:
    index_after_commit(instance)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index_after_commit(instance)
    elif pk_set:
        searchable = searchable_for_model(model)
        if searchable is not None:
            enqueue(searchable.type, pk_set)


def _on_publish_change(sender, instance, **kwargs) -> None:
    """Wagtail's (un)publish signals: the save already enqueued the object, but pages
    and snippets can be (un)published by actions that save only some fields."""
    index_after_commit(instance)


def _on_page_move(sender, instance, **kwargs) -> None:
    index_after_commit(getattr(instance, "specific", instance))


def _on_group_privacy_changed(sender, group_id: int, **kwargs) -> None:
    """A group's privacy decides who sees its content: reindex that content."""
    group_content_changed(group_id)


def watched_models() -> set[type]:
    """The searchable models and the models their documents are built from."""
    models = set()
    for searchable in searchables().values():
        models.add(searchable.model)
        models.update(searchable.sources)
    return models


def _on_vocabulary_change(sender, **kwargs) -> None:
    """Every process rebuilds its query vocabulary: now (this one sees its own change)
    and after the commit (the others, which could have rebuilt it in between)."""
    from .understanding import forget

    forget()
    transaction.on_commit(forget)


def vocabulary_models() -> list[type]:
    """What the query vocabulary is read from: the glossary and the taxonomy labels."""
    from taxonomy.models import Country, Region, Sector, Theme

    from .models import GlossaryConcept, GlossaryTerm

    return [GlossaryConcept, GlossaryTerm, Theme, Sector, Country, Region]


def connect() -> None:
    from wagtail import signals as wagtail_signals

    from community.events import group_privacy_changed

    for model in vocabulary_models():
        uid = f"search-vocabulary-{model._meta.label_lower}"
        post_save.connect(_on_vocabulary_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_vocabulary_change, sender=model, dispatch_uid=f"{uid}-delete")

    for model in watched_models():
        uid = f"search-model-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="search-m2m")
    for signal in (
        wagtail_signals.published,
        wagtail_signals.unpublished,
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
    ):
        signal.connect(_on_publish_change, dispatch_uid=f"search-{id(signal)}")
    wagtail_signals.post_page_move.connect(_on_page_move, dispatch_uid="search-page-move")
    group_privacy_changed.connect(_on_group_privacy_changed, dispatch_uid="search-privacy")
