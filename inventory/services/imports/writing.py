"""Writing: a clean file, in one transaction, each record published with a revision and
a log entry."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from inventory import exchange
from inventory.models import GFMDMeeting, InventoryItem, Recommendation

from .records import ITEM_RELATIONS, CleanRecord, ImportResult, Progress

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


@transaction.atomic
def _write(clean: list[CleanRecord], *, user, progress: Progress) -> ImportResult:
    result = ImportResult()
    items = [r for r in clean if r.entity == "items"]
    recommendations = [r for r in clean if r.entity == "recommendations"]
    now = timezone.now()
    if items:
        existing = {
            item.external_id: item
            for item in InventoryItem.objects.originals()
            .filter(external_id__in=[r.external_id for r in items])
            .prefetch_related(*ITEM_PREFETCH)
        }
        pending: list = []
        for record in progress(items, len(items), _("Inventory items")):
            _save(
                record, existing.get(record.external_id), InventoryItem, result, user, now, pending
            )
        _write_relations(InventoryItem, pending)
    if recommendations:
        meetings = _meetings(recommendations)
        refs = {ref for r in recommendations for ref in r.record.get("inventory_items", [])}
        items_by_id = {
            item.external_id: item
            for item in InventoryItem.objects.originals().filter(external_id__in=refs)
        }
        existing = {
            rec.external_id: rec
            for rec in Recommendation.objects.originals()
            .filter(external_id__in=[r.external_id for r in recommendations])
            .select_related("meeting")
            .prefetch_related("themes", "inventory_items")
        }
        pending = []
        for record in progress(recommendations, len(recommendations), _("Recommendations")):
            values = record.values
            if "meeting_year" in values:
                values["meeting"] = meetings[values["meeting_year"]]
            if "inventory_items" in record.record:
                record.relations["inventory_items"] = [
                    items_by_id[ref] for ref in record.record["inventory_items"]
                ]
            _save(
                record,
                existing.get(record.external_id),
                Recommendation,
                result,
                user,
                now,
                pending,
            )
        _write_relations(Recommendation, pending)
    return result


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


def _save(record: CleanRecord, obj, model, result: ImportResult, user, now, pending: list) -> None:
    """Write one record's own fields, publish it with a revision, and queue its relations
    for ``_write_relations`` (one bulk write per relation instead of several queries per
    row and field)."""
    entity = record.entity
    if obj is not None:
        current = (
            exchange.item_record(obj) if entity == "items" else exchange.recommendation_record(obj)
        )
        if all(current.get(name) == value for name, value in record.record.items()) and obj.live:
            result.unchanged[entity] += 1
            return
    created = obj is None
    if created:
        obj = model(external_id=record.external_id)
    for name, value in record.values.items():
        if name not in ("meeting_year", "meeting_host"):
            setattr(obj, name, value)
    obj.live = True
    obj.has_unpublished_changes = False
    obj.expired = False
    obj.first_published_at = obj.first_published_at or now
    obj.last_published_at = now
    obj.save()
    # Set in memory only (modelcluster defers them until a save that never comes), so that
    # the revision records them; the database rows are written in bulk afterwards.
    for name in M2M_FIELDS[entity]:
        if name in record.relations:
            setattr(obj, name, record.relations[name])
        elif created:
            setattr(obj, name, [])
    revision = Revision.objects.create(
        content_object=obj,
        base_content_type=obj.get_base_content_type(),
        user=user,
        content=obj.serializable_data(),
        object_str=str(obj),
    )
    model.objects.filter(pk=obj.pk).update(latest_revision=revision, live_revision=revision)
    obj.latest_revision, obj.live_revision = revision, revision
    if created:
        log(instance=obj, action="wagtail.create", user=user, revision=revision)
    log(instance=obj, action="wagtail.publish", user=user, revision=revision)
    pending.append((obj, created, record.relations))
    (result.created if created else result.updated)[entity] += 1


def _write_relations(model, pending: list) -> None:
    """Replace the many-to-many rows of the written records, one relation at a time."""
    source = f"{model._meta.model_name}_id"
    for name in M2M_FIELDS["items" if model is InventoryItem else "recommendations"]:
        descriptor = getattr(model, name)
        through = descriptor.through
        target = f"{descriptor.field.related_model._meta.model_name}_id"
        changed = [(obj, created, rel[name]) for obj, created, rel in pending if name in rel]
        stale = [obj.pk for obj, created, _rel in changed if not created]
        if stale:
            through.objects.filter(**{f"{source}__in": stale}).delete()
        through.objects.bulk_create(
            [
                through(**{source: obj.pk, target: related.pk})
                for obj, _created, related_objs in changed
                for related in related_objs
            ],
            batch_size=2000,
        )
