"""The database backend: the same questions as ``queries.py``, answered in SQL over the
``SearchEntry`` table (works on PostgreSQL and on the demo's SQLite).

It is the default when no cluster is configured and the fallback whenever the cluster
cannot answer. On PostgreSQL, text is matched with full-text search: each entry's
``search_vector`` (title, summary and body read with the stemmer of its language,
``search.languages``) against ``websearch_to_tsquery`` of the query in every stemmer,
through a GIN index, ranked by ``ts_rank``
(https://docs.djangoproject.com/en/5.2/ref/contrib/postgres/search/). On the demo's
SQLite every word must appear in the title, summary or body. Facets, the permission
filter and relatedness by shared taxonomy are the same as on Elasticsearch.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.html import escape
from django.utils.translation import get_language

from . import analysis
from .labels import facet_labels, related_reasons
from .languages import NO_STEMMER, STEMMERS, codes_read_with, stemmer_for, stemmers
from .meta import render_meta
from .models import SearchEntry, SearchTag
from .registry import SearchDocument, get_searchable
from .results import (
    FACET_LABELS,
    FACET_SIZES,
    FACETS,
    Facet,
    FacetValue,
    Hit,
    Related,
    RelatedItem,
    RelatedSection,
    SearchParams,
    SearchResults,
    Suggestion,
)
from .understanding import Understanding, Unit, has_syntax, understand, vocabulary
from .visibility import database_filter

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
TAG_FACETS = {"country", "region", "sector", "theme", "language", "replicated_in"}
TAXONOMY_WEIGHTS = {"themes": 6, "countries": 4, "sectors": 3, "regions": 2}


def terms_of(q: str) -> list[str]:
    """The words of a query, without search syntax: the database backend has no
    operators, and ``+ - " * ( ) |`` must not break it."""
    words = [word for word in _WORD.findall(q) if word not in {"AND", "OR", "NOT"}]
    return list(dict.fromkeys(word.lower() for word in words))[:MAX_TERMS]


def _visible(visible_group_ids: set[int] | None) -> QuerySet[SearchEntry]:
    return SearchEntry.objects.filter(database_filter(visible_group_ids))


def full_text_enabled() -> bool:
    return connection.vendor == "postgresql"


def _stemmer() -> Case:
    """The text search configuration of an entry, from its language."""
    return Case(
        *[When(language=code, then=Value(name)) for code, name in STEMMERS.items()],
        When(language="", then=Value(stemmer_for(""))),
        default=Value(NO_STEMMER),
    )


def _folded(field: str) -> Func:
    """``field`` without accents, by the rule of ``search.analysis.fold`` (PostgreSQL's
    built-in ``translate``: no extension to install)."""
    return Func(
        F(field),
        Value(analysis.ACCENTED + analysis.ACCENTED.upper()),
        Value(analysis.FOLDED + analysis.FOLDED.upper()),
        function="translate",
        output_field=TextField(),
    )


def full_text_vector() -> SearchVector:
    """What ``SearchEntry.search_vector`` holds: title, summary and body, weighted A, B
    and C like Elasticsearch's boosts, each read with the entry's stemmer twice — as
    written and without accents — so that accents are optional in a query."""
    config = _stemmer()
    vector = None
    for name, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        part = SearchVector(name, weight=weight, config=config) + SearchVector(
            _folded(name), weight=weight, config=config
        )
        vector = part if vector is None else vector + part
    return vector


def _read_with(config: str) -> Q:
    """The entries whose text ``config`` read (the rule of ``_stemmer``)."""
    codes, negated = codes_read_with(config)
    return ~Q(language__in=codes) if negated else Q(language__in=codes)


def _full_text_queries(q: str) -> list[tuple[str, SearchQuery]]:
    """The query read with each stemmer, user syntax as on a web search engine: quotes,
    ``or``, ``-word``. Each entry is matched by the reading of its own stemmer only
    (a ``-word`` stemmed differently would not exclude anything)."""
    return [
        (config, SearchQuery(q, search_type="websearch", config=config)) for config in stemmers()
    ]


def _unit_query(unit: Unit) -> SearchQuery | None:
    """Any alternative of the unit, each read by its stemmers (see ``Unit.readings``),
    as written and without accents."""
    query = None
    for alternative in unit.alternatives:
        language = unit.languages.get(alternative, "")
        configs = [stemmer_for(language)] if language else stemmers()
        for text in dict.fromkeys((alternative, analysis.fold(alternative))):
            for config in configs:
                part = SearchQuery(text, search_type="plain", config=config)
                query = part if query is None else query | part
    return query


def _tag_condition(unit: Unit) -> Q:
    condition = Q()
    for tag in unit.tags:
        condition |= Q(
            pk__in=SearchTag.objects.filter(kind=tag.field, value=tag.value).values("entry_id")
        )
    return condition


def _stems_condition(unit: Unit) -> Q:
    """SQLite: an alternative's words, each in one of its readings."""
    condition = Q()
    for _stemmer, words in unit.readings():
        phrase = Q()
        for readings in words:
            reading = Q()
            for token in readings:
                reading |= Q(stems__contains=f" {token} ")
            phrase &= reading
        condition |= phrase
    return condition


def _unit_condition(unit: Unit) -> Q:
    """The entries a unit matches: an alternative in their text, or a tag."""
    if full_text_enabled():
        query = _unit_query(unit)
        match = Q(search_vector=query) if query is not None else Q(pk__in=[])
    else:
        match = _stems_condition(unit)
    return _tag_condition(unit) | match


def _matching(
    queryset: QuerySet[SearchEntry],
    understanding: Understanding | None,
    *,
    relaxed: bool = False,
) -> QuerySet[SearchEntry]:
    """The entries that match (all of them for no query): every unit, or — relaxed —
    most of them, counted in ``units_matched``. A query written with search syntax
    runs as written (PostgreSQL's ``websearch_to_tsquery``)."""
    if understanding is None or not understanding.units:
        return queryset
    if full_text_enabled() and has_syntax(understanding.q):
        condition = Q()
        for config, query in _full_text_queries(understanding.q):
            condition |= _read_with(config) & Q(search_vector=query)
        return queryset.filter(condition)
    conditions = [_unit_condition(unit) for unit in understanding.units]
    if not relaxed:
        for condition in conditions:
            queryset = queryset.filter(condition)
        return queryset
    matched = sum((Case(When(c, then=Value(1)), default=Value(0)) for c in conditions), Value(0))
    return queryset.annotate(units_matched=matched).filter(
        units_matched__gte=understanding.required(relaxed=True)
    )


def _relevance(understanding: Understanding):
    if full_text_enabled():
        query = None
        for unit in understanding.units:
            part = _unit_query(unit)
            if part is not None:
                query = part if query is None else query | part
        if query is not None:
            return SearchRank(F("search_vector"), query)
        return Value(0.0, output_field=FloatField())
    terms = terms_of(understanding.q)
    title_score = sum(
        (Case(When(title__icontains=term, then=Value(2)), default=Value(0)) for term in terms),
        Value(0),
    )
    return (
        Case(When(title__iexact=understanding.q, then=Value(100)), default=Value(0)) + title_score
    )


def _facet_q(name: str, values: list[str]) -> Q:
    if name == "type":
        return Q(type__in=values)
    if name == "year":
        return Q(year__in=[int(v) for v in values])
    return Q(
        pk__in=SearchTag.objects.filter(kind=FACETS[name], value__in=values).values("entry_id")
    )


def _reader_first(language: str) -> Case:
    """1 for the reader's language (or an unknown one), as Elasticsearch's boost."""
    return Case(
        When(language__in=[language, ""], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _versions() -> int:
    return max(len(settings.LANGUAGES), 1)


def _one_per_key(entries: list, language: str) -> list:
    """One entry per translation key, in the order of each key's first appearance: the
    reader's version when it is among ``entries``, else the first one."""
    chosen: dict[str, object] = {}
    for entry in entries:
        key = entry.translation_key or f"{entry.type}:{entry.object_id}"
        current = chosen.get(key)
        if current is None or (current.language != language and entry.language == language):
            chosen[key] = entry
    return list(chosen.values())


def _marked_terms(understanding: Understanding | None) -> list[str]:
    """The words to mark in titles and snippets: the query's, and those of the names
    it was expanded to."""
    if understanding is None:
        return []
    words = [
        word
        for unit in understanding.units
        for alternative in unit.alternatives
        for word in analysis.words(alternative)
        if not analysis.is_stopword(word) and len(word) > 1
    ]
    return list(dict.fromkeys(words))[: MAX_TERMS * 3]


def search(
    params: SearchParams,
    visible_group_ids: set[int] | None,
    understanding: Understanding | None = None,
    *,
    relaxed: bool = False,
) -> SearchResults:
    """One pass of a search (see :func:`search.understanding.answer` for the passes)."""
    if understanding is not None and not understanding.units:
        understanding = None
    terms = _marked_terms(understanding)
    matching = _matching(_visible(visible_group_ids), understanding, relaxed=relaxed)
    selected = {name: _facet_q(name, values) for name, values in params.filters.items()}

    hits_qs = matching
    for clause in selected.values():
        hits_qs = hits_qs.filter(clause)
    # An item and its translations are one result: totals and facets count keys.
    total, counts = _counts(matching, params.filters)

    # The reader's language (or an unknown one) first, as on Elasticsearch.
    hits_qs = hits_qs.annotate(reader_first=_reader_first(params.language))
    if understanding is not None:
        hits_qs = hits_qs.annotate(relevance=_relevance(understanding))
    else:
        hits_qs = hits_qs.annotate(relevance=Value(0))
    # Each key's version: the reader's language when it matches, else the best match.
    hits_qs = hits_qs.annotate(
        version_rank=Window(
            RowNumber(),
            partition_by=[F("translation_key")],
            order_by=[F("reader_first").desc(), F("relevance").desc(), F("pk").asc()],
        )
    ).filter(version_rank=1)
    if params.sort == "date":
        ordered = hits_qs.order_by("-date", "title", "pk")
    elif understanding is None:
        ordered = hits_qs.order_by("-reader_first", "-date", "title", "pk")
    elif relaxed and "units_matched" in hits_qs.query.annotations:
        ordered = hits_qs.order_by("-reader_first", "-units_matched", "-relevance", "-date", "pk")
    else:
        ordered = hits_qs.order_by("-reader_first", "-relevance", "-date", "pk")
    fields = (
        "type",
        "object_id",
        "title",
        "url",
        "summary",
        "body",
        "meta",
        "meta_parts",
        "date",
        "language",
    )
    page = list(ordered.only(*fields)[params.offset : params.offset + params.per_page])
    hits = [_hit(entry, terms) for entry in page]

    facets = [_facet(name, counts[name], params.filters.get(name, [])) for name in FACETS]
    return SearchResults(
        params=params,
        hits=hits,
        total=total,
        facets=facets,
        backend="database",
    )


def _counts(
    matching: QuerySet[SearchEntry], filters: dict[str, list[str]]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet's counts (value -> items) in one statement, the match
    evaluated once: ``m`` holds the matching entries, and each facet counts them under
    every selection but its own (multi-select facets, as on Elasticsearch); facets that
    share those selections share one pass. Items, not versions: distinct keys."""
    quote = connection.ops.quote_name
    inner, params = matching.values_list(
        "pk", "translation_key", "type", "year"
    ).query.sql_with_params()
    tags = quote(SearchTag._meta.db_table)

    def condition(names) -> tuple[str, list]:
        clauses, args = ["1 = 1"], []
        for name in names:
            values = filters[name]
            marks = ", ".join(["%s"] * len(values))
            if name == "type":
                clauses.append(f"m.type IN ({marks})")
                args += values
            elif name == "year":
                clauses.append(f"m.year IN ({marks})")
                args += [int(value) for value in values]
            else:
                clauses.append(
                    f"m.id IN (SELECT entry_id FROM {tags} WHERE kind = %s AND value IN ({marks}))"  # noqa: S608
                )
                args += [FACETS[name], *values]
        return " AND ".join(clauses), args

    where, args = condition(filters)
    # Only placeholders and the quoted table name are formatted into the SQL; every
    # value goes in the parameters.
    parts = [f"SELECT 'total', '', COUNT(DISTINCT m.translation_key) FROM m WHERE {where}"]  # noqa: S608
    part_args = [args]
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in FACETS:
        groups.setdefault(tuple(other for other in filters if other != name), []).append(name)
    for others, names in groups.items():
        where, args = condition(others)
        if "type" in names:
            parts.append(
                "SELECT 'type', m.type, COUNT(DISTINCT m.translation_key) FROM m "  # noqa: S608
                f"WHERE {where} GROUP BY m.type"
            )
            part_args.append(args)
        if "year" in names:
            parts.append(
                "SELECT 'year', CAST(m.year AS TEXT), COUNT(DISTINCT m.translation_key) "  # noqa: S608
                f"FROM m WHERE m.year IS NOT NULL AND {where} GROUP BY m.year"
            )
            part_args.append(args)
        kinds = [FACETS[name] for name in names if name in TAG_FACETS]
        if kinds:
            marks = ", ".join(["%s"] * len(kinds))
            parts.append(
                "SELECT t.kind, t.value, COUNT(DISTINCT m.translation_key) "  # noqa: S608
                f"FROM m JOIN {tags} t ON t.entry_id = m.id "
                f"WHERE t.kind IN ({marks}) AND {where} GROUP BY t.kind, t.value"
            )
            part_args.append([*kinds, *args])
    sql = f"WITH m (id, translation_key, type, year) AS ({inner}) " + " UNION ALL ".join(parts)
    facet_of = {field: name for name, field in FACETS.items()}
    total, counts = 0, {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(arg for args in part_args for arg in args)])
        for kind, value, n in cursor.fetchall():
            if kind == "total":
                total = n
            else:
                counts[facet_of[kind]][str(value)] = n
    for name, values in counts.items():
        if name == "year":
            ordered = sorted(values.items(), key=lambda item: -int(item[0]))
        else:
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        counts[name] = dict(ordered[: FACET_SIZES[name]])
    return total, counts


def _facet(name: str, counts: dict[str, int], chosen: list[str]) -> Facet:
    counts = dict(counts)
    for value in chosen:
        counts.setdefault(value, 0)
    labels = facet_labels(name, counts)
    return Facet(
        name=name,
        label=str(FACET_LABELS[name]),
        values=[
            FacetValue(value=value, label=labels[value], count=count, selected=value in chosen)
            for value, count in counts.items()
        ],
    )


def _mark(text: str, terms: list[str]) -> str:
    """Escape ``text`` and wrap each query word in ``<mark>`` (what Elasticsearch's
    html-encoded highlighter gives)."""
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _snippet(entry: SearchEntry, terms: list[str], width: int = 180) -> str:
    for text in (entry.summary, entry.body):
        lowered = text.lower()
        positions = [lowered.find(term) for term in terms if term in lowered]
        if positions:
            start = max(min(positions) - width // 3, 0)
            fragment = text[start : start + width]
            prefix = "… " if start else ""
            suffix = " …" if start + width < len(text) else ""
            return prefix + _mark(fragment, terms) + suffix
    return ""


def _hit(entry: SearchEntry, terms: list[str]) -> Hit:
    searchable = get_searchable(entry.type)
    title_matches = any(term in entry.title.lower() for term in terms)
    return Hit(
        type=entry.type,
        id=entry.object_id,
        title=entry.title,
        url=entry.url,
        type_label=str(searchable.label) if searchable else entry.type,
        meta=render_meta(entry.type, entry.meta_parts, entry.meta),
        date=entry.date,
        title_html=_mark(entry.title, terms) if title_matches else "",
        snippet_html=_snippet(entry, terms),
        language=entry.language,
    )


def did_you_mean(q: str, visible_group_ids: set[int] | None) -> str:
    """Closest words from the titles the viewer may see and the glossary's terms
    (bounded: a fallback, not a spelling engine). Accents do not count as mistakes."""
    terms = terms_of(q)
    if not terms:
        return ""
    # The words of what the viewer may read first; the glossary's terms after.
    content: set[str] = set()
    titles = _visible(visible_group_ids).order_by("-date").values_list("title", flat=True)
    for title in titles[:5000]:
        content.update(analysis.fold(word) for word in _WORD.findall(title) if len(word) > 2)
    glossary = vocabulary().spellings
    corrected = []
    for term in terms:
        folded = analysis.fold(term)
        if folded in content or folded in glossary or len(folded) < 4:
            corrected.append(term)
            continue
        close = difflib.get_close_matches(folded, content, n=1, cutoff=0.75)
        close = close or difflib.get_close_matches(folded, glossary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else term)
    if corrected == terms:
        return ""
    suggestion = " ".join(corrected)
    if not _matching(_visible(visible_group_ids), understand(suggestion)).exists():
        return ""
    return suggestion


def autocomplete(
    prefix: str, visible_group_ids: set[int] | None, *, limit: int = 8
) -> list[Suggestion]:
    terms = terms_of(prefix)
    if not terms:
        return []
    language = get_language() or ""
    queryset = _visible(visible_group_ids)
    for term in terms:
        queryset = queryset.filter(title__icontains=term)
    # Enough rows for ``limit`` items even when each comes in every language.
    candidates = queryset.annotate(
        starts=Case(
            When(title__istartswith=prefix.strip(), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        reader_first=_reader_first(language),
    ).order_by("-starts", "-reader_first", "title")[: limit * _versions()]
    entries = _one_per_key(list(candidates), language)[:limit]
    return [
        Suggestion(
            type=entry.type,
            id=entry.object_id,
            title=entry.title,
            url=entry.url,
            type_label=str(get_searchable(entry.type).label)
            if get_searchable(entry.type)
            else entry.type,
        )
        for entry in entries
    ]


def related(
    document: SearchDocument,
    chosen: dict[str, list[RelatedItem]],
    visible_group_ids: set[int] | None,
    *,
    types: tuple[str, ...],
    per_section: int = 5,
) -> Related:
    """Related items by shared taxonomy: a weighted count of shared themes, countries,
    sectors and regions, in one aggregate query per section. One item per translation
    key, in the reader's language when it has a version in it; never a translation of
    ``document`` itself."""
    language = get_language() or ""
    source = document.as_source()
    wanted = [
        Q(kind=kind, value__in=[v for v in source[kind] if v != "001"])
        for kind in TAXONOMY_WEIGHTS
        if [v for v in source[kind] if v != "001"]
    ]
    sections = []
    for type_name in types:
        searchable = get_searchable(type_name)
        if searchable is None:
            continue
        items = list(chosen.get(type_name, []))
        limit = max(per_section - len(items), 0)
        if wanted and limit:
            exclude_ids = [item.id for item in items]
            if type_name == document.type:
                exclude_ids.append(document.id)
            condition = Q()
            for clause in wanted:
                condition |= clause
            weight = Case(
                *[When(kind=kind, then=Value(w)) for kind, w in TAXONOMY_WEIGHTS.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
            keys_shown = [
                source["translation_key"],
                *(item.translation_key for item in items if item.translation_key),
            ]
            rows = list(
                SearchTag.objects.filter(condition, entry__type=type_name)
                .filter(entry__in=_visible(visible_group_ids).values("pk"))
                .exclude(entry__object_id__in=exclude_ids)
                .exclude(entry__translation_key__in=keys_shown)
                .values("entry_id")
                .annotate(score=Sum(weight))
                .order_by("-score", "entry_id")[: limit * _versions()]
            )
            found = SearchEntry.objects.in_bulk([row["entry_id"] for row in rows])
            picked = _one_per_key([found[row["entry_id"]] for row in rows], language)[:limit]
            by_entry = {row["entry_id"]: row for row in rows}
            rows = [by_entry[entry.pk] for entry in picked]
            entries = {entry.pk: entry for entry in picked}
            tags: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
            for entry_id, kind, value in SearchTag.objects.filter(entry_id__in=entries).values_list(
                "entry_id", "kind", "value"
            ):
                tags[entry_id][kind].append(value)
            ordered = [entries[row["entry_id"]] for row in rows]
            reasons = related_reasons(source, [tags[entry.pk] for entry in ordered])
            items += [
                RelatedItem(
                    type=entry.type,
                    id=entry.object_id,
                    title=entry.title,
                    url=entry.url,
                    type_label=str(searchable.label),
                    reasons=why,
                    score=float(row["score"]),
                )
                for entry, why, row in zip(ordered, reasons, rows, strict=True)
            ]
        sections.append(
            RelatedSection(type=type_name, label=str(searchable.label_plural), items=items)
        )
    return Related(sections=sections, backend="database")
