"""Writing: a clean file, in one transaction, in batches of set-based statements.

Each written record is published with its own revision and log entries, as an editor's
publish leaves them: Wagtail keeps history per object (a revision holds one object's
content; the admin's history, "compare" and "revert" read it), so one revision per
import batch would leave every item without a history of its own. What changes is how
they are written: a batch of ``BATCH_SIZE`` rows costs a fixed number of statements —
``bulk_create`` of the new rows, ``bulk_update`` of the changed ones, their revisions and
log entries each in one ``bulk_create``, the revision pointers in one ``bulk_update``, and
one delete and one insert per many-to-many relation — instead of about ten round trips
per row (``log()`` runs ``full_clean`` on every entry, one query per foreign key).

Bulk writes send no model signals, so what a save would have set off is asked for here:
search documents through ``search.updates.index_after_commit`` (one indexing task per
type once the transaction commits), Wagtail's admin search and reference index through
one task (``inventory.tasks.wagtail_indexes_update``), and a changed status is still news
for an item's followers (``inventory.follows.items_status_notify``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, Revision

from inventory import exchange
from inventory.follows import items_status_notify
from inventory.models import GFMDMeeting, InventoryItem, Recommendation
from inventory.tasks import wagtail_indexes_update
from search.updates import index_after_commit

from .records import ITEM_RELATIONS, CleanRecord, ImportResult, Progress

BATCH_SIZE = 1000
M2M_FIELDS = {
    "items": list(ITEM_RELATIONS),
    "recommendations": ["themes", "inventory_items"],
}
ITEM_PREFETCH = [
    "providers",
    "target_countries",
    "target_regions",
    "sectors",
    "themes",
    "audiences",
]
PUBLISHING_FIELDS = [
    "live",
    "has_unpublished_changes",
    "expired",
    "first_published_at",
    "last_published_at",
    "updated_at",
]
REVISION_FIELDS = ["latest_revision", "live_revision"]


@dataclass
class _Context:
    """What every batch of one import shares: who, when, and the default locale."""

    user: object
    now: object
    locale: Locale
    written: dict[type[models.Model], list[int]] = field(default_factory=dict)


@dataclass
class _Write:
    obj: models.Model
    created: bool
    relations: dict[str, list]
    names: frozenset[str]  # the model fields the record sets
    status_before: str | None = None


@transaction.atomic
def _write(clean: list[CleanRecord], *, user, progress: Progress) -> ImportResult:
    result = ImportResult()
    context = _Context(user=user, now=timezone.now(), locale=Locale.get_default())
    items = [r for r in clean if r.entity == "items"]
    recommendations = [r for r in clean if r.entity == "recommendations"]
    if items:
        existing = {
            item.external_id: item
            for item in InventoryItem.objects.originals()
            .filter(external_id__in=[r.external_id for r in items])
            .prefetch_related(*ITEM_PREFETCH)
        }
        _write_records(
            InventoryItem,
            items,
            existing,
            result,
            context,
            progress(items, len(items), _("Inventory items")),
        )
    if recommendations:
        meetings = _meetings(recommendations)
        refs = {ref for r in recommendations for ref in r.record.get("inventory_items", [])}
        items_by_id = {
            item.external_id: item
            for item in InventoryItem.objects.originals().filter(external_id__in=refs)
        }
        for record in recommendations:
            if "meeting_year" in record.values:
                record.values["meeting"] = meetings[record.values["meeting_year"]]
            if "inventory_items" in record.record:
                record.relations["inventory_items"] = [
                    items_by_id[ref] for ref in record.record["inventory_items"]
                ]
        existing = {
            rec.external_id: rec
            for rec in Recommendation.objects.originals()
            .filter(external_id__in=[r.external_id for r in recommendations])
            .select_related("meeting")
            .prefetch_related("themes", "inventory_items")
        }
        _write_records(
            Recommendation,
            recommendations,
            existing,
            result,
            context,
            progress(recommendations, len(recommendations), _("Recommendations")),
        )
    for model, pks in context.written.items():
        transaction.on_commit(
            partial(wagtail_indexes_update.enqueue, model_label=model._meta.label, pks=pks)
        )
    return result


def _write_records(
    model: type[models.Model],
    records: list[CleanRecord],
    existing: dict[str, models.Model],
    result: ImportResult,
    context: _Context,
    rows: Iterable[CleanRecord],
) -> None:
    """Compare each record with what is stored, and write the changed ones a batch at a
    time (``rows`` is ``records`` as the caller's progress display iterates them)."""
    batch: list[_Write] = []
    for record in rows:
        write = _prepare(record, existing.get(record.external_id), model, result, context)
        if write is not None:
            batch.append(write)
        if len(batch) >= BATCH_SIZE:
            _write_batch(model, batch, context)
            batch = []
    if batch:
        _write_batch(model, batch, context)


def _meetings(records: list[CleanRecord]) -> dict[int, GFMDMeeting]:
    """Create or update the GFMD meetings the file names (the file is authoritative)."""
    hosts = {
        r.values["meeting_year"]: r.values["meeting_host"]
        for r in records
        if "meeting_year" in r.values
    }
    meetings = {m.year: m for m in GFMDMeeting.objects.filter(year__in=hosts)}
    for year, host in hosts.items():
        meeting = meetings.get(year)
        if meeting is None:
            meetings[year] = GFMDMeeting.objects.create(year=year, host=host)
        elif meeting.host != host:
            meeting.host = host
            meeting.save(update_fields=["host"])
    return meetings


def _prepare(
    record: CleanRecord, obj, model, result: ImportResult, context: _Context
) -> _Write | None:
    """The object as the record wants it, in memory; ``None`` when the stored one
    already says the same (re-importing a file changes nothing and writes nothing)."""
    entity = record.entity
    if obj is not None:
        current = (
            exchange.item_record(obj) if entity == "items" else exchange.recommendation_record(obj)
        )
        if all(current.get(name) == value for name, value in record.record.items()) and obj.live:
            result.unchanged[entity] += 1
            return None
    created = obj is None
    if created:
        obj = model(external_id=record.external_id, locale=context.locale)
    status_before = getattr(obj, "status", None)
    for name, value in record.values.items():
        if name not in ("meeting_year", "meeting_host"):
            setattr(obj, name, value)
    obj.live = True
    obj.has_unpublished_changes = False
    obj.expired = False
    obj.first_published_at = obj.first_published_at or context.now
    obj.last_published_at = context.now
    obj.updated_at = context.now
    (result.created if created else result.updated)[entity] += 1
    return _Write(
        obj, created, record.relations, frozenset(record.values), None if created else status_before
    )


def _write_batch(model, batch: list[_Write], context: _Context) -> None:
    """One batch of new and changed records: rows, revisions, log entries, relations."""
    entity = "items" if model is InventoryItem else "recommendations"
    created = [w.obj for w in batch if w.created]
    updated = [w.obj for w in batch if not w.created]
    model.objects.bulk_create(created)
    # Set in memory only (modelcluster defers them until a save that never comes), so that
    # the revisions record them; the database rows are written by ``_write_relations``.
    for write in batch:
        for name in M2M_FIELDS[entity]:
            if name in write.relations:
                setattr(write.obj, name, write.relations[name])
            elif write.created:
                setattr(write.obj, name, [])
    revisions = _revisions(model, [w.obj for w in batch], context)
    for write, revision in zip(batch, revisions, strict=True):
        write.obj.latest_revision = write.obj.live_revision = revision
    _update_rows(model, created, REVISION_FIELDS)
    _update_rows(
        model, updated, [*_record_fields(model, batch), *PUBLISHING_FIELDS, *REVISION_FIELDS]
    )
    _log_entries(model, batch, revisions, context)
    _write_relations(model, batch)
    objects = [w.obj for w in batch]
    index_after_commit(*objects)
    context.written.setdefault(model, []).extend(obj.pk for obj in objects)
    if model is InventoryItem:
        items_status_notify(
            item_ids=[
                w.obj.pk
                for w in batch
                if w.status_before is not None and w.status_before != w.obj.status
            ]
        )


def _record_fields(model, batch: list[_Write]) -> list[str]:
    """The model's own columns that the file sets (a CSV may carry only some of them)."""
    columns = {f.name for f in model._meta.concrete_fields} - {"id", "external_id"}
    return sorted(columns & {name for w in batch if not w.created for name in w.names})


def _update_rows(model, objects: list[models.Model], names: list[str]) -> None:
    """``UPDATE … WHERE id = …`` for each object, sent with ``executemany`` (psycopg
    pipelines it: a few round trips per batch). ``QuerySet.bulk_update`` would build a
    ``CASE WHEN`` expression per field and row — seconds of Python for a batch of a
    thousand rows and twenty fields. Values go through each field's
    ``get_db_prep_save``, as a ``save()`` would send them (the clean text fields clean
    there too)."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    pk = model._meta.pk
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608 - names from the model's own metadata
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _revisions(model, objects: list[models.Model], context: _Context) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(model)
    return Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(obj.pk),
                created_at=context.now,
                user=context.user,
                content=obj.serializable_data(),
                object_str=str(obj),
            )
            for obj in objects
        ]
    )


def _log_entries(model, batch: list[_Write], revisions: list[Revision], context: _Context):
    """ "Created" (for new records) and "published" entries, as ``wagtail.log_actions.log``
    writes them, without its per-entry validation queries."""
    log_model = log_registry.get_log_model_for_model(model)
    if log_model is None:
        return
    log_context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = []
    for write, revision in zip(batch, revisions, strict=True):
        actions = ["wagtail.create", "wagtail.publish"] if write.created else ["wagtail.publish"]
        entries.extend(
            log_model(
                content_type=content_type,
                object_id=str(write.obj.pk),
                label=log_model.objects.get_instance_title(write.obj),
                action=action,
                timestamp=context.now,
                data={},
                user=context.user or log_context.user,
                uuid=log_context.uuid,
                revision=revision,
            )
            for action in actions
        )
    log_model.objects.bulk_create(entries)


def _write_relations(model, batch: list[_Write]) -> None:
    """Replace the many-to-many rows of the written records, one relation at a time."""
    source = f"{model._meta.model_name}_id"
    for name in M2M_FIELDS["items" if model is InventoryItem else "recommendations"]:
        descriptor = getattr(model, name)
        through = descriptor.through
        target = f"{descriptor.field.related_model._meta.model_name}_id"
        changed = [w for w in batch if name in w.relations]
        stale = [w.obj.pk for w in changed if not w.created]
        if stale:
            through.objects.filter(**{f"{source}__in": stale}).delete()
        through.objects.bulk_create(
            [
                through(**{source: w.obj.pk, target: related.pk})
                for w in changed
                for related in w.relations[name]
            ],
            batch_size=2000,
        )
