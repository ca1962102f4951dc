"""What is searchable, declared by the apps that own it.

Each app describes its searchable models in ``<app>/searchable.py`` with a small
:class:`Searchable` subclass decorated with :func:`register`; the search app discovers
these modules at start-up, the way Django discovers ``admin.py``. The apps never talk to
the cluster: they say *what* a document is, the search app decides *how* it is indexed,
queried and kept up to date. Adding a type to search is one declaration.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from django.db import models
from django.urls import NoReverseMatch
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

_registry: dict[str, Searchable] = {}


@dataclass
class SearchDocument:
    """One searchable thing, in the shape both backends store and return.

    ``group_id`` is the group the content belongs to (``None`` for site-wide content);
    ``group_public`` says whether that group's content is visible to everyone. Together
    they let both backends apply ``community.selectors``' rule inside the query itself.
    ``replicated_in`` holds the ISO codes of the countries and the M49 codes of the
    regions where a practice was replicated (case-study lineage), so that a reader can
    find "practices replicated in my region".

    ``language`` is the language the document is written in (a page's or snippet's
    locale; "" when unknown) — queries rank the reader's language first. ``languages``
    stays the "Language" facet (for an inventory item, the languages it is delivered in).
    Each translation is its own document; ``translation_key`` ties them together, and
    results show one document per key. Content that is not translated (a forum topic, a
    group) gets ``"<type>:<id>"`` so that it is never folded into another document.

    ``meta_parts`` is the meta line ("Case study · 2019–2021 · IOM") as structured
    parts (see ``search.meta``), rendered in the reader's language when results are
    shown; ``meta`` is the same line in the site's default language, for the types that
    declare no parts.
    """

    type: str
    id: int
    title: str
    url: str = ""
    summary: str = ""
    body: str = ""
    meta: str = ""
    meta_parts: list[str] = field(default_factory=list)
    date: date | None = None
    year: int | None = None
    languages: list[str] = field(default_factory=list)
    language: str = ""
    translation_key: str = ""
    #: Whether the item has another indexable version (set by ``search.indexing``, which
    #: sees them all): facet counts count such items by distinct key, the others by
    #: document, which is exact and far cheaper than a distinct count per facet value.
    translated: bool = False
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    replicated_in: list[str] = field(default_factory=list)
    group_id: int | None = None
    group_public: bool = True

    def as_source(self) -> dict[str, Any]:
        """The Elasticsearch ``_source`` (and the database entry's columns)."""
        source = {
            "type": self.type,
            "object_id": self.id,
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "body": self.body,
            "meta": self.meta,
            "meta_parts": list(self.meta_parts),
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "languages": sorted(set(self.languages)),
            "language": self.language,
            "translation_key": self.key,
            "translated": self.translated,
            "countries": sorted(set(self.countries)),
            "regions": sorted(set(self.regions)),
            "sectors": sorted(set(self.sectors)),
            "themes": sorted(set(self.themes)),
            "replicated_in": sorted(set(self.replicated_in)),
            "group_id": self.group_id,
            "group_public": self.group_public,
        }
        source["digest"] = digest(source)
        return source

    @property
    def key(self) -> str:
        """The translation key, or one of the document's own when it has none."""
        return self.translation_key or f"{self.type}:{self.id}"

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.title, self.summary, self.body) if part)


#: Bumped when the way text is read for search changes (``search.analysis``): every
#: document's digest changes with it, so ``search_index --check`` reports the index
#: stale until it is rebuilt with the new reading.
ANALYSIS_VERSION = 2


def digest(source: dict[str, Any]) -> str:
    """A fingerprint of a document, so ``search_index --check`` can tell stale entries
    from current ones without comparing every field."""
    payload = {key: value for key, value in source.items() if key != "digest"}
    payload["analysis"] = ANALYSIS_VERSION
    encoded = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


class Searchable:
    """How one model becomes search documents. Subclass it in ``<app>/searchable.py``.

    - ``type``: the short, stable type name used in URLs, facets and index names;
    - ``model``: the Django model;
    - ``label`` / ``label_plural``: what users read;
    - ``group_path``: the lookup from the model to ``community.Group`` when its content
      may belong to a group (so a change of the group's privacy reindexes it);
    - ``sources``: the other models its documents are built from, each with the lookup
      from ``model`` to it — a topic's document carries its posts' text and its
      category's name and group, so ``{Post: "posts", Category: "category"}``. Saving
      or deleting one of them reindexes the documents built from it
      (``search.updates``);
    - ``related_types``: which kinds of related items its page shows, in order;
    - ``meta_choices``: the choices its meta parts refer to.
    """

    type: ClassVar[str]
    model: ClassVar[type[models.Model]]
    label: ClassVar[Any]
    label_plural: ClassVar[Any]
    group_path: ClassVar[str | None] = None
    sources: ClassVar[dict[type[models.Model], str]] = {}
    related_types: ClassVar[tuple[str, ...]] = ()
    #: Model choices a ``choice:<field>:<code>`` meta part names (see ``search.meta``).
    meta_choices: ClassVar[dict[str, type[models.Choices]]] = {}

    def get_queryset(self) -> models.QuerySet:
        """Everything that may be indexed (published, not secret), ready for
        :meth:`document` without further queries."""
        return self.model._default_manager.all()

    def document(self, obj: models.Model) -> SearchDocument:
        raise NotImplementedError

    def editor_links(self, obj: models.Model) -> Iterable[models.Model]:
        """Items an editor linked to ``obj`` by hand: shown first in *Related*."""
        return ()

    def translated_versions(self, keys: set[str]) -> dict[str, list[int]]:
        """The indexable versions of each translation key among ``keys`` that has more
        than one (key -> ids); ``{}`` for a model that is not translatable."""
        if not keys or not any(f.name == "translation_key" for f in self.model._meta.fields):
            return {}
        versions: dict[str, list[int]] = {}
        rows = (
            self.get_queryset()
            .filter(translation_key__in=keys)
            .values_list("translation_key", "pk")
        )
        for key, pk in rows.order_by():
            versions.setdefault(str(key), []).append(pk)
        return {key: ids for key, ids in versions.items() if len(ids) > 1}

    def dependents(self, obj: models.Model) -> dict[str, list[int]]:
        """Other documents built from ``obj``'s fields (type -> ids), reindexed with it:
        a testimony that carries its case study's countries goes stale otherwise."""
        return {}

    def is_indexable(self, obj: models.Model) -> bool:
        return self.get_queryset().filter(pk=obj.pk).exists()

    # Helpers for declarations -----------------------------------------------------
    @staticmethod
    def url_of(obj: models.Model) -> str:
        """The object's URL, or "" while the app that serves it has no route yet."""
        try:
            return obj.get_absolute_url()
        except (NoReverseMatch, AttributeError):
            return getattr(obj, "url", "") or ""

    @staticmethod
    def places(countries: Iterable, regions: Iterable = ()) -> tuple[list[str], list[str]]:
        """ISO codes of the countries, and the M49 codes of the given regions, of their
        parents and of the countries' regions — so that filtering by "Asia" finds an item
        that targets the Philippines."""
        country_codes: set[str] = set()
        region_codes: set[str] = set()
        for country in countries:
            country_codes.add(country.code)
            region_codes.update(region.code for region in country.regions)
        for region in regions:
            while region is not None:
                region_codes.add(region.code)
                region = region.parent
        return sorted(country_codes), sorted(region_codes)

    @staticmethod
    def year_of(value: date | datetime | None) -> int | None:
        return value.year if value else None


def register(cls: type[Searchable]) -> type[Searchable]:
    """Class decorator: make a :class:`Searchable` known to the search app."""
    instance = cls()
    existing = _registry.get(cls.type)
    if existing is not None and type(existing).__qualname__ != cls.__qualname__:
        raise ValueError(f"search type {cls.type!r} is registered twice")
    _registry[cls.type] = instance
    return cls


def autodiscover() -> None:
    autodiscover_modules("searchable")


def searchables() -> dict[str, Searchable]:
    return dict(_registry)


def get_searchable(type_name: str) -> Searchable | None:
    return _registry.get(type_name)


def searchable_for_model(model: type[models.Model]) -> Searchable | None:
    for searchable in _registry.values():
        if issubclass(model, searchable.model):
            return searchable
    return None


def searchable_for(obj: models.Model) -> Searchable | None:
    return searchable_for_model(type(obj))


def unregister(type_name: str) -> None:
    """Forget a type (tests register throw-away types)."""
    _registry.pop(type_name, None)
