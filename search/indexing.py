"""Keeping the indexes in step with the database.

- :func:`sync` is what the background task runs after a commit: it (re)indexes the
  given ids of one type, or deletes those that are gone or no longer indexable, in the
  database entries and — in bulk — in Elasticsearch. If the cluster cannot take the
  update, the ids are remembered in ``PendingIndexUpdate`` and replayed later
  (:func:`replay_pending`), so no update is lost while search is down.
- :func:`rebuild` fills a brand-new index from the database and swaps the alias to it
  in one atomic request: search keeps answering from the old index until the swap.
  Updates that arrive during a rebuild are written to both indexes.
- :func:`check` reports documents missing, stale or left over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from elasticsearch import helpers

from . import analysis
from . import connection as search_connection
from .backends import circuit, get_client
from .caching import bump_generation
from .database import full_text_vector
from .documents import alias_name, build_mapping, index_body, new_index_name, stem_fields
from .languages import stemmer_for
from .models import PendingIndexUpdate, SearchEntry, SearchTag
from .registry import SearchDocument, get_searchable, searchables

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
TAG_KINDS = ("countries", "regions", "sectors", "themes", "languages", "replicated_in")
REBUILD_TIMEOUT = 60.0


def elasticsearch_configured() -> bool:
    return search_connection.is_configured()


def _refresh() -> str | bool:
    """Tests refresh after every write (``REFRESH_ON_WRITE``); production lets the
    index refresh on its own schedule."""
    return settings.SEARCH.get("REFRESH_ON_WRITE", False)


def documents_for(type_name: str, ids: Iterable[int]) -> tuple[list[SearchDocument], list[int]]:
    """The current documents for ``ids``, and the ids that must leave the index."""
    searchable = get_searchable(type_name)
    ids = sorted({int(pk) for pk in ids})
    if searchable is None:
        return [], ids
    objects = list(searchable.get_queryset().filter(pk__in=ids))
    versions = searchable.translated_versions(_keys(objects))
    # The other versions of what changed come along: a new translation makes its
    # original "translated" too (a version deleted may leave the flag set, which only
    # costs the facets a distinct count).
    siblings = {pk for pks in versions.values() for pk in pks} - {obj.pk for obj in objects}
    if siblings:
        objects += list(searchable.get_queryset().filter(pk__in=siblings))
    docs = _documents(searchable, objects, versions)
    present = {doc.id for doc in docs}
    return docs, [pk for pk in ids if pk not in present]


def iter_documents(type_name: str) -> Iterator[SearchDocument]:
    searchable = get_searchable(type_name)
    queryset = searchable.get_queryset().order_by("pk")
    chunk: list = []
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(obj)
        if len(chunk) == CHUNK_SIZE:
            yield from _documents(searchable, chunk, searchable.translated_versions(_keys(chunk)))
            chunk = []
    if chunk:
        yield from _documents(searchable, chunk, searchable.translated_versions(_keys(chunk)))


def _keys(objects: list) -> set[str]:
    return {str(obj.translation_key) for obj in objects if getattr(obj, "translation_key", None)}


def _documents(searchable, objects: list, versions: dict[str, list[int]]) -> list[SearchDocument]:
    docs = []
    for obj in objects:
        doc = searchable.document(obj)
        doc.translated = doc.translation_key in versions
        docs.append(doc)
    return docs


# Database entries -----------------------------------------------------------------


def _stems(source: dict) -> str:
    """The SQLite fallback's reading of an entry (PostgreSQL reads the text itself)."""
    if connection.vendor == "postgresql":
        return ""
    text = " ".join(source[name] for name in ("title", "summary", "body") if source[name])
    return f" {analysis.tokens(text, stemmer_for(source['language']))} "


@transaction.atomic
def entries_sync(type_name: str, docs: list[SearchDocument], deleted: list[int]) -> None:
    """Write the documents to the database backend's tables."""
    if deleted:
        SearchEntry.objects.filter(type=type_name, object_id__in=deleted).delete()
    if not docs:
        return
    sources = [doc.as_source() for doc in docs]
    now = timezone.now()
    existing = dict(
        SearchEntry.objects.filter(type=type_name, object_id__in=[d.id for d in docs]).values_list(
            "object_id", "pk"
        )
    )
    entries = [
        SearchEntry(
            pk=existing.get(source["object_id"]),
            type=type_name,
            object_id=source["object_id"],
            title=source["title"][:500],
            url=source["url"][:500],
            summary=source["summary"],
            body=source["body"],
            meta=source["meta"][:255],
            meta_parts=source["meta_parts"],
            date=source["date"],
            year=source["year"],
            language=source["language"],
            translation_key=source["translation_key"],
            group_id=source["group_id"],
            group_public=source["group_public"],
            digest=source["digest"],
            stems=_stems(source),
            indexed_at=now,
        )
        for source in sources
    ]
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in {"id"}]
    updates = [entry for entry in entries if entry.pk]
    creates = [entry for entry in entries if not entry.pk]
    if updates:
        SearchEntry.objects.bulk_update(updates, fields, batch_size=CHUNK_SIZE)
    if creates:
        SearchEntry.objects.bulk_create(creates, batch_size=CHUNK_SIZE)
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            search_vector=full_text_vector()
        )
    SearchTag.objects.filter(entry__in=entries).delete()
    SearchTag.objects.bulk_create(
        [
            SearchTag(entry=entry, kind=kind, value=value[:100])
            for entry, source in zip(entries, sources, strict=True)
            for kind in TAG_KINDS
            for value in source[kind]
        ],
        batch_size=CHUNK_SIZE * 4,
    )


# Elasticsearch ----------------------------------------------------------------------


def _rebuild_key(type_name: str) -> str:
    return f"search:rebuilding:{alias_name(type_name)}"


_mapping_checked: set[str] = set()


def _upgrade_mapping(client, alias: str) -> None:
    """Add the fields a newer version of the mapping has (once per process): documents
    written before they existed gain them at the next ``search_index --rebuild``, which
    ``search_index --check`` asks for (their digests carry the analysis version)."""
    if alias in _mapping_checked:
        return
    mapping = build_mapping().to_dict()
    client.indices.put_mapping(index=alias, properties=mapping["properties"])
    _mapping_checked.add(alias)


def ensure_index(client, type_name: str) -> None:
    """Create the type's first index and alias if there is none yet."""
    alias = alias_name(type_name)
    if client.indices.exists_alias(name=alias):
        _upgrade_mapping(client, alias)
        return
    if client.indices.exists(index=alias):
        # A concrete index squats the alias name (an old layout): leave it to --rebuild.
        return
    index = new_index_name(type_name)
    client.indices.create(index=index, **index_body())
    client.indices.put_alias(index=index, name=alias)


def es_source(doc: SearchDocument) -> dict:
    """A document as Elasticsearch stores it: its source and its pre-analysed fields."""
    source = doc.as_source()
    return {**source, **stem_fields(source)}


def _actions(targets: list[str], docs: list[SearchDocument], deleted: list[int]) -> Iterator:
    for target in targets:
        for doc in docs:
            yield {
                "_op_type": "index",
                "_index": target,
                "_id": str(doc.id),
                "_source": es_source(doc),
            }
        for pk in deleted:
            yield {"_op_type": "delete", "_index": target, "_id": str(pk)}


def es_sync(client, type_name: str, docs: list[SearchDocument], deleted: list[int]) -> None:
    """Bulk-write to the alias (and to an index being rebuilt, if any)."""
    ensure_index(client, type_name)
    targets = [alias_name(type_name)]
    rebuilding = cache.get(_rebuild_key(type_name))
    if rebuilding:
        targets.append(rebuilding)
    _ok, errors = helpers.bulk(
        client,
        _actions(targets, docs, deleted),
        chunk_size=CHUNK_SIZE,
        raise_on_error=False,
        raise_on_exception=True,
        refresh=_refresh(),
    )
    real_errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if real_errors:
        raise RuntimeError(f"bulk indexing reported {len(real_errors)} errors: {real_errors[:2]}")


def record_pending(type_name: str, ids: Iterable[int], error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:500]
    for pk in ids:
        pending, created = PendingIndexUpdate.objects.get_or_create(
            type=type_name, object_id=pk, defaults={"last_error": message}
        )
        if not created:
            pending.attempts += 1
            pending.last_error = message
            pending.save(update_fields=["attempts", "last_error"])


def sync(type_name: str, ids: Iterable[int], *, replay: bool = True) -> bool:
    """Bring (type, ids) up to date in both backends. Returns whether Elasticsearch
    (if configured) took the update."""
    ids = list(ids)
    try:
        return _sync(type_name, ids, replay=replay)
    finally:
        bump_generation()


def _sync(type_name: str, ids: list[int], *, replay: bool) -> bool:
    docs, deleted = documents_for(type_name, ids)
    entries_sync(type_name, docs, deleted)
    if not elasticsearch_configured():
        return True
    if not circuit.allows():
        record_pending(type_name, ids, ConnectionError("search cluster marked down"))
        return False
    try:
        es_sync(get_client(), type_name, docs, deleted)
    except Exception as exc:
        logger.warning("search: indexing %s %s deferred: %s", type_name, ids[:10], exc)
        circuit.record_failure(exc)
        record_pending(type_name, ids, exc)
        return False
    circuit.record_success()
    PendingIndexUpdate.objects.filter(type=type_name, object_id__in=ids).delete()
    if replay and PendingIndexUpdate.objects.exists():
        replay_pending()
    return True


def replay_pending(*, limit: int = 5000) -> int:
    """Send the updates the cluster missed. Returns how many were applied."""
    if not elasticsearch_configured():
        return 0
    by_type: dict[str, list[int]] = {}
    for type_name, object_id in PendingIndexUpdate.objects.values_list("type", "object_id")[:limit]:
        by_type.setdefault(type_name, []).append(object_id)
    applied = 0
    for type_name, ids in by_type.items():
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start : start + CHUNK_SIZE]
            if not sync(type_name, chunk, replay=False):
                return applied
            applied += len(chunk)
    if applied:
        logger.info("search: replayed %s pending index updates", applied)
    return applied


@dataclass
class RebuildResult:
    type: str
    index: str
    count: int
    removed_indexes: list[str] = field(default_factory=list)


def rebuild(
    type_name: str,
    *,
    progress: Callable[[int], None] | None = None,
    elasticsearch: bool = True,
) -> RebuildResult | None:
    """Fill a new index from the database, then point the alias at it atomically.

    The database entries are rebuilt too. Returns ``None`` when no cluster is configured
    (only the database entries are rebuilt then)."""
    count = 0
    seen: set[int] = set()
    batch: list[SearchDocument] = []
    client = (
        get_client().options(request_timeout=REBUILD_TIMEOUT)
        if elasticsearch_configured()
        else None
    )
    alias = alias_name(type_name)
    index = new_index_name(type_name)
    if client is not None:
        client.indices.create(index=index, **index_body())
        cache.set(_rebuild_key(type_name), index, timeout=3600)

    def flush() -> None:
        entries_sync(type_name, batch, [])
        seen.update(doc.id for doc in batch)
        if client is not None:
            helpers.bulk(client, _actions([index], batch, []), chunk_size=CHUNK_SIZE)
        if progress:
            progress(len(batch))

    try:
        for doc in iter_documents(type_name):
            batch.append(doc)
            count += 1
            if len(batch) >= CHUNK_SIZE:
                flush()
                batch = []
        if batch:
            flush()
        gone = [
            pk
            for pk in SearchEntry.objects.filter(type=type_name).values_list("object_id", flat=True)
            if pk not in seen
        ]
        for start in range(0, len(gone), CHUNK_SIZE):
            entries_sync(type_name, [], gone[start : start + CHUNK_SIZE])
        if client is None:
            bump_generation()
            return None
        client.indices.refresh(index=index)
        old = _indexes_behind(client, alias)
        actions = [{"add": {"index": index, "alias": alias}}]
        if client.indices.exists(index=alias) and not old:
            # A concrete index squats the alias name: remove it in the same request.
            actions.insert(0, {"remove_index": {"index": alias}})
        actions += [{"remove": {"index": name, "alias": alias}} for name in old]
        client.indices.update_aliases(actions=actions)
    except Exception:
        if client is not None:
            client.indices.delete(index=index, ignore_unavailable=True)
        raise
    finally:
        if client is not None:
            cache.delete(_rebuild_key(type_name))
    bump_generation()
    for name in old:
        client.indices.delete(index=name, ignore_unavailable=True)
    return RebuildResult(type=type_name, index=index, count=count, removed_indexes=old)


def _indexes_behind(client, alias: str) -> list[str]:
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias))


@dataclass
class CheckResult:
    type: str
    backend: str
    expected: int
    missing: list[int]
    stale: list[int]
    extra: list[int]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def _compare(type_name: str, backend: str, indexed: dict[int, str]) -> CheckResult:
    expected = {doc.id: doc.as_source()["digest"] for doc in iter_documents(type_name)}
    return CheckResult(
        type=type_name,
        backend=backend,
        expected=len(expected),
        missing=sorted(pk for pk in expected if pk not in indexed),
        stale=sorted(pk for pk, d in expected.items() if pk in indexed and indexed[pk] != d),
        extra=sorted(pk for pk in indexed if pk not in expected),
    )


def check(type_name: str) -> list[CheckResult]:
    """Compare the database with the database entries and (if configured) the index."""
    results = [
        _compare(
            type_name,
            "database",
            dict(SearchEntry.objects.filter(type=type_name).values_list("object_id", "digest")),
        )
    ]
    if elasticsearch_configured():
        client = get_client().options(request_timeout=REBUILD_TIMEOUT)
        indexed = {}
        if client.indices.exists_alias(name=alias_name(type_name)):
            for hit in helpers.scan(
                client, index=alias_name(type_name), query={"_source": ["object_id", "digest"]}
            ):
                indexed[int(hit["_source"]["object_id"])] = hit["_source"].get("digest", "")
        results.append(_compare(type_name, "elasticsearch", indexed))
    return results


def all_types() -> list[str]:
    return sorted(searchables())
