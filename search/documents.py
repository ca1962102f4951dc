"""Elasticsearch indexes and their mapping.

Every searchable type has its own index behind an alias named
``<INDEX_PREFIX>-<type>``: queries and indexing use the alias; a rebuild creates
``<alias>-<timestamp>``, fills it, and swaps the alias in one atomic request. All types
share one mapping, so one query searches them all.

The mapping uses only what the server core provides (the integration-test node has no
``analysis-common``, no ``mapper-extras``): the ``standard`` analyzer, ``keyword``,
``completion``-free prefix search through ``index_prefixes``. On a full cluster,
``SEARCH["LANGUAGE_ANALYZERS"]`` adds ``english``/``french``/``spanish`` sub-fields.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Boolean, Date, Integer, Keyword, Long, Mapping, Text

from . import analysis, connection
from .languages import STEMMERS, stemmer_for

LANGUAGE_ANALYZERS = STEMMERS
TEXT_FIELDS = ("title", "summary", "body")
TEXT_BOOSTS = {"title": 3, "summary": 2, "body": 1}
#: Each text field's words as ``search.analysis`` reads them in the document's language
#: (stemmed, accents folded): the core ``whitespace`` analyzer takes the tokens as given.
STEM_SUFFIX = "_stems"


def index_prefix() -> str:
    return settings.SEARCH["INDEX_PREFIX"]


def alias_name(type_name: str) -> str:
    return f"{index_prefix()}-{type_name}"


def new_index_name(type_name: str) -> str:
    return f"{alias_name(type_name)}-{timezone.now():%Y%m%d%H%M%S%f}"


def language_analyzers_enabled() -> bool:
    return bool(settings.SEARCH.get("LANGUAGE_ANALYZERS"))


def _text(*, prefixes: bool = False, **kwargs) -> Text:
    options = dict(kwargs)
    if prefixes:
        options["index_prefixes"] = {"min_chars": 1, "max_chars": 10}
    if language_analyzers_enabled():
        options["fields"] = {
            code: Text(analyzer=analyzer) for code, analyzer in LANGUAGE_ANALYZERS.items()
        }
    return Text(analyzer="standard", **options)


def build_mapping() -> Mapping:
    """The mapping shared by every type's index (built at call time: it depends on the
    language-analyzer setting)."""
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("type", Keyword())
    mapping.field("object_id", Long())
    mapping.field("title", _text(prefixes=True))
    mapping.field("summary", _text())
    mapping.field("body", _text())
    for name in TEXT_FIELDS:
        mapping.field(f"{name}{STEM_SUFFIX}", Text(analyzer="whitespace"))
    mapping.field("meta", Keyword(index=False))
    mapping.field("meta_parts", Keyword(index=False, doc_values=False))
    mapping.field("url", Keyword(index=False))
    mapping.field("date", Date())
    mapping.field("year", Integer())
    for facet in ("languages", "countries", "regions", "sectors", "themes", "replicated_in"):
        mapping.field(facet, Keyword())
    mapping.field("language", Keyword())
    mapping.field("translation_key", Keyword())
    mapping.field("translated", Boolean())
    mapping.field("group_id", Long())
    mapping.field("group_public", Boolean())
    mapping.field("digest", Keyword())
    return mapping


def index_settings() -> dict:
    """Every new index's settings: shards and replicas as configured
    (:func:`search.connection.index_settings`), so a rebuild keeps them."""
    return {**connection.index_settings(), "max_result_window": 10_000}


def index_body() -> dict:
    return {"settings": index_settings(), "mappings": build_mapping().to_dict()}


def stem_fields(source: dict) -> dict[str, str]:
    """The pre-analysed fields of a document's ``_source``."""
    stemmer = stemmer_for(source.get("language", ""))
    return {
        f"{name}{STEM_SUFFIX}": analysis.tokens(source.get(name) or "", stemmer)
        for name in TEXT_FIELDS
    }


def stem_query_fields() -> list[str]:
    """The pre-analysed fields a query's readings run over, with their boosts."""
    return [f"{name}{STEM_SUFFIX}^{boost}" for name, boost in TEXT_BOOSTS.items()]


def search_text_fields() -> list[str]:
    """The fields a text query runs over, with their boosts."""
    boosts = TEXT_BOOSTS
    fields = [f"{name}^{boosts[name]}" for name in TEXT_FIELDS]
    if language_analyzers_enabled():
        fields += [
            f"{name}.{code}^{boosts[name]}" for name in TEXT_FIELDS for code in LANGUAGE_ANALYZERS
        ]
    return fields
