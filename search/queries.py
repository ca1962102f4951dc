"""Elasticsearch queries: search with facets, highlighting and suggestions;
autocomplete; relatedness (more_like_this boosted by shared taxonomy).

Every query carries the permission filter in its ``filter`` clause, so results, facet
counts, suggestions, autocomplete and related items never see what the viewer may not:
nothing is filtered after the fact.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from elasticsearch.dsl import A, MultiSearch, Q, Search

from .documents import TEXT_BOOSTS, alias_name, search_text_fields, stem_query_fields
from .labels import facet_labels, related_reasons
from .meta import render_meta
from .registry import SearchDocument, get_searchable, searchables
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
from .understanding import Understanding, Unit, has_syntax, understand
from .visibility import elasticsearch_filter

logger = logging.getLogger(__name__)

HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "fragment_size": 180,
    "number_of_fragments": 2,
}
SOURCE_FIELDS = ["type", "object_id", "title", "url", "summary", "meta", "meta_parts", "date"]

#: Results show one document per translation key (an item and its translations are one
#: result): ``collapse`` keeps the best-sorted document of each key, which is the
#: reader's version whenever it matches comparably well (the reader's language weighs
#: ``READER_LANGUAGE_WEIGHT`` times). A better-scoring version in another language must
#: still not hide the reader's: :func:`_readers_versions` swaps it in with one small
#: follow-up query, only for the results shown in another language. (Collapse's
#: ``inner_hits`` did the same inside the query, but ran one sub-search per result and
#: cost most of a search's time.)
TRANSLATION_KEY = "translation_key"
#: Exact distinct counts below this many keys (HyperLogLog++ above it, within ~1%).
COUNT_PRECISION = 40_000


#: What a collapsed hit brings for :func:`readers_versions` to decide on.
VERSION_FIELDS = [TRANSLATION_KEY, "language", "translated"]


def _collapse() -> dict:
    return {"field": TRANSLATION_KEY}


@dataclass
class Collapsed:
    """A collapsed response's hits and how they were asked for: what
    :func:`readers_versions` needs to find the reader's versions of them."""

    index: str | list[str]
    hits: list
    query: Q
    source: list[str]
    highlight: dict | None = None
    post_filter: Q | None = None


Version = tuple[dict, dict, float | None]  # (source, highlight, score)


def _doc(hit) -> dict:
    """A hit's source. A collapsed hit also carries the collapse field under
    ``fields``, which the DSL merges over the source as a list: the source's value wins."""
    doc = hit.to_dict()
    key = doc.get(TRANSLATION_KEY)
    if isinstance(key, list):
        doc[TRANSLATION_KEY] = key[0] if key else ""
    return doc


def _highlight(hit) -> dict:
    highlight = getattr(hit.meta, "highlight", None)
    return highlight.to_dict() if highlight else {}


def readers_versions(
    client, answers: list[Collapsed], language: str, visible_group_ids: set[int] | None
) -> list[list[Version]]:
    """Each collapsed hit as ``(source, highlight, score)``, the reader's version in
    place of one in another language when it also matches the query (and the selected
    filters). One ``_msearch`` for all the answers, and none when no hit in another
    language belongs to a translated item (or none is in another language)."""
    shown = [
        [(_doc(hit), _highlight(hit), hit.meta.score) for hit in answer.hits] for answer in answers
    ]
    wanted = [
        sorted(
            {
                doc[TRANSLATION_KEY]
                for doc, _highlight, _score in versions
                if language and doc.get("translated") and doc.get("language") not in (language, "")
            }
        )
        for versions in shown
    ]
    asked = [i for i, keys in enumerate(wanted) if keys]
    if not asked:
        return shown
    multi = MultiSearch(using=client)
    for i in asked:
        answer, keys = answers[i], wanted[i]
        index = answer.index.split(",") if isinstance(answer.index, str) else answer.index
        search_ = _base(client, index, visible_group_ids).query(answer.query)
        search_ = search_.filter("terms", **{TRANSLATION_KEY: keys}).filter(
            "term", language=language
        )
        if answer.post_filter is not None:
            search_ = search_.filter(answer.post_filter)
        search_ = search_.source([*answer.source, *VERSION_FIELDS])[: len(keys)]
        if answer.highlight:
            search_ = search_.extra(highlight=answer.highlight)
        multi = multi.add(search_)
    for i, response in zip(asked, multi.execute(), strict=True):
        found = {hit[TRANSLATION_KEY]: (_doc(hit), _highlight(hit)) for hit in response.hits}
        shown[i] = [
            (*found[doc[TRANSLATION_KEY]], score)
            if doc[TRANSLATION_KEY] in found
            else (doc, highlight, score)
            for doc, highlight, score in shown[i]
        ]
    return shown


def indices(types: list[str] | None = None) -> str:
    names = types or sorted(searchables())
    return ",".join(alias_name(name) for name in names)


def partial(response) -> bool:
    """Whether Elasticsearch answered from only some shards (a node lost with no replica,
    a red index) or ran out of time: such an answer is flagged ``incomplete`` and logged,
    never passed off as every result."""
    shards = response._shards
    failed = getattr(shards, "failed", 0) or 0
    if failed or response.timed_out:
        reasons = [
            str(getattr(getattr(failure, "reason", None), "type", "unknown"))
            for failure in getattr(shards, "failures", []) or []
        ]
        logger.warning(
            "search: partial answer from Elasticsearch: %s of %s shards failed%s (%s)",
            failed,
            getattr(shards, "total", "?"),
            ", timed out" if response.timed_out else "",
            ", ".join(sorted(set(reasons))) or "no reason given",
        )
        return True
    return False


def _base(client, index: str | list[str], visible_group_ids: set[int] | None) -> Search:
    search = Search(using=client, index=index).params(
        ignore_unavailable=True, allow_no_indices=True
    )
    perm = elasticsearch_filter(visible_group_ids)
    return search.filter(perm) if perm is not None else search


def _simple_query(q: str, *, boost: float = 1.0) -> Q:
    return Q(
        "simple_query_string",
        query=q,
        fields=search_text_fields(),
        default_operator="and",
        flags="AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE|PRECEDENCE",
        lenient=True,
        boost=boost,
    )


#: A relaxed query also matches close spellings in titles and summaries (expanding a
#: misspelling over every body's vocabulary and highlighting the bodies cost 0.5-1 s
#: on 50,000 documents); "did you mean" still reads the bodies.
FUZZY_FIELDS = ["title^3", "summary^2"]
FUZZY_EXPANSIONS = 20


def _unit_query(unit: Unit, *, relaxed: bool) -> Q:
    """A unit matches when one of its alternatives does — each of the alternative's
    words in one of its readings, in the pre-analysed fields — or when a document
    carries one of its tags. Relaxed, a word also matches close spellings."""
    should = []
    for _stemmer, words in unit.readings():
        clauses = [
            Q("multi_match", query=" ".join(readings), fields=stem_query_fields(), operator="or")
            for readings in words
        ]
        should.append(clauses[0] if len(clauses) == 1 else Q("bool", must=clauses))
    should += [
        Q("constant_score", filter=Q("term", **{tag.field: tag.value}), boost=1.0)
        for tag in unit.tags
    ]
    if unit.is_word and len(unit.text) >= 4:
        # A word being typed: "remit" finds "remittances", below the full words.
        should.append(_simple_query(f"{unit.text}*", boost=0.3))
        if relaxed:
            should.append(
                Q(
                    "multi_match",
                    query=unit.text,
                    fields=FUZZY_FIELDS,
                    fuzziness="AUTO",
                    prefix_length=1,
                    max_expansions=FUZZY_EXPANSIONS,
                    boost=0.5,
                )
            )
    return Q("bool", should=should, minimum_should_match=1)


def _highlight_query(understanding: Understanding) -> Q:
    """What results mark: the query's words and the names it was expanded to, as
    written (and, from four letters, as the start of a word) — never close spellings:
    highlighting a fuzzy query re-reads every word of every result's text."""
    if has_syntax(understanding.q):
        return _simple_query(understanding.q)
    words = dict.fromkeys(
        word
        for unit in understanding.units
        for alternative in unit.alternatives
        for word in _WORD.findall(alternative)
    )
    terms = [*words, *(f"{word}*" for word in words if len(word) >= 4)]
    return Q(
        "simple_query_string",
        query=" ".join(terms) or understanding.q,
        fields=["title", "summary", "body"],
        default_operator="or",
        flags="PREFIX|WHITESPACE",
        lenient=True,
    )


#: How much a document tagged with a theme, sector, country or region the query names
#: rises above the others.
RECOGNISED_TAG_BOOST = 2.0


def _text_query(understanding: Understanding, *, relaxed: bool = False) -> Q:
    """Every unit must match (relaxed: most of them), the title's exact phrase and the
    taxonomy the query names lifting the ranking. A query written with search syntax is
    run as written."""
    q = understanding.q
    if has_syntax(q):
        core = _simple_query(q)
    else:
        core = Q(
            "bool",
            should=[_unit_query(unit, relaxed=relaxed) for unit in understanding.units],
            minimum_should_match=understanding.required(relaxed=relaxed),
        )
    should = [Q("match_phrase", title={"query": q, "boost": 3})]
    should += [
        Q("constant_score", filter=Q("term", **{tag.field: tag.value}), boost=RECOGNISED_TAG_BOOST)
        for tag in understanding.tags
    ]
    return Q("bool", must=[core], should=should)


#: How much a document in the reader's language is lifted above the others: its score
#: is multiplied, so whatever the query's scale (a glossary expansion adds clauses), the
#: reader's version comes first among comparable matches, while a much better match in
#: another language still wins and the other languages are still found.
READER_LANGUAGE_WEIGHT = 3.0
#: Related items lift the reader's language additively (their scores are on one scale).
READER_LANGUAGE_BOOST = 2.0


def _reader_language_first(query: Q, params: SearchParams) -> Q:
    """The query, with documents written in the reader's language ranked first (and
    those of unknown language, such as forum topics, alongside them: only documents
    known to be in another language move down)."""
    if not params.language:
        return query
    return Q(
        "function_score",
        query=query,
        functions=[
            {
                "filter": Q("terms", language=[params.language, ""]).to_dict(),
                "weight": READER_LANGUAGE_WEIGHT,
            }
        ],
        score_mode="first",
        boost_mode="multiply",
    )


def _facet_filter(name: str, values: list[str]) -> Q:
    field = FACETS[name]
    if name == "year":
        return Q("terms", **{field: [int(v) for v in values]})
    return Q("terms", **{field: values})


def search(
    client,
    params: SearchParams,
    visible_group_ids: set[int] | None,
    understanding: Understanding | None = None,
    *,
    relaxed: bool = False,
) -> SearchResults:
    """One pass of a search (see :func:`search.understanding.answer` for the passes).

    Two searches in one ``_msearch`` round trip, which Elasticsearch runs side by side:
    the page of results (scored, collapsed, highlighted, no total), and the counts (the
    query in filter context, no scoring, ``size: 0`` so the shard request cache keeps
    it for a repeated query until the index changes)."""
    index = indices().split(",")  # a list: ``_msearch`` headers do not split a string
    text = _text_query(understanding, relaxed=relaxed) if understanding else Q("match_all")

    # Multi-select facets: the selection filters the hits (post_filter) and every other
    # facet's counts, but not its own, so a user can widen a facet as well as narrow it.
    selected = {name: _facet_filter(name, values) for name, values in params.filters.items()}
    post_filter = Q("bool", filter=list(selected.values())) if selected else None

    highlight = {
        **HIGHLIGHT,
        "fields": {"title": {"number_of_fragments": 0}, "summary": {}, "body": {}},
    }
    if understanding is not None:
        highlight["highlight_query"] = _highlight_query(understanding).to_dict()
    page = _base(client, index, visible_group_ids).query(_reader_language_first(text, params))
    if post_filter is not None:
        page = page.post_filter(post_filter)
    page = page.extra(collapse=_collapse(), highlight=highlight, track_total_hits=False)
    if params.sort == "date":
        page = page.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        page = page.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    page = page.source([*SOURCE_FIELDS, *VERSION_FIELDS])
    page = page[params.offset : params.offset + params.per_page]

    counts = _base(client, index, visible_group_ids).query(Q("bool", filter=[text]))
    counts = counts.extra(size=0, track_total_hits=False).params(request_cache=True)
    _count_aggregations(counts, selected)

    page_response, counts_response = MultiSearch(using=client).add(page).add(counts).execute()
    [versions] = readers_versions(
        client,
        [Collapsed(index, page_response.hits, text, SOURCE_FIELDS, highlight, post_filter)],
        params.language,
        visible_group_ids,
    )
    incomplete = partial(page_response)
    incomplete = partial(counts_response) or incomplete
    return SearchResults(
        params=params,
        hits=[_hit(*version) for version in versions],
        total=counts_response.aggregations["total"]["items"]["value"],
        facets=_facets(counts_response.aggregations, params),
        backend="elasticsearch",
        incomplete=incomplete,
    )


def _count_aggregations(search_: Search, selected: dict[str, Q]) -> None:
    """Facet counts and the total, counting items, not versions.

    A document of an item with no other version is one item: its facet values count
    documents (``doc_count``). Only documents of ``translated`` items need a distinct
    count of their translation keys, which is kept to them: the count of a value is
    ``doc_count - translated.doc_count + translated.items`` (:func:`_items`). A distinct
    count over every document, per value of every facet, was most of the cost of a broad
    search."""
    for name, field in FACETS.items():
        others = [clause for other, clause in selected.items() if other != name]
        order = [{"_key": "desc"}] if name == "year" else [{"_count": "desc"}, {"_key": "asc"}]
        terms = A("terms", field=field, size=FACET_SIZES[name], order=order)
        terms.bucket("translated", "filter", Q("term", translated=True)).metric(
            "items", "cardinality", field=TRANSLATION_KEY
        )
        agg = A("filter", Q("bool", filter=others)) if others else A("filter", Q("match_all"))
        agg.bucket("values", terms)
        search_.aggs.bucket(name, agg)
    everything = list(selected.values()) or [Q("match_all")]
    search_.aggs.bucket("total", A("filter", Q("bool", filter=everything))).metric(
        "items", "cardinality", field=TRANSLATION_KEY, precision_threshold=COUNT_PRECISION
    )


def _items(bucket) -> int:
    translated = bucket["translated"]
    return bucket["doc_count"] - translated["doc_count"] + translated["items"]["value"]


def _hit(source: dict, highlight: dict, score: float | None) -> Hit:
    searchable = get_searchable(source["type"])
    snippet = " … ".join(highlight.get("summary", []) + highlight.get("body", []))
    return Hit(
        type=source["type"],
        id=int(source["object_id"]),
        title=source["title"],
        url=source.get("url") or "",
        type_label=str(searchable.label) if searchable else source["type"],
        meta=render_meta(source["type"], source.get("meta_parts"), source.get("meta") or ""),
        date=date.fromisoformat(source["date"][:10]) if source.get("date") else None,
        title_html=(highlight.get("title") or [""])[0],
        snippet_html=snippet,
        score=score,
        language=source.get("language") or "",
    )


def _facets(aggregations, params: SearchParams) -> list[Facet]:
    facets = []
    for name in FACETS:
        buckets = aggregations[name]["values"]["buckets"]
        counts = {str(bucket["key"]): _items(bucket) for bucket in buckets}
        if name != "year":
            counts = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        chosen = params.filters.get(name, [])
        for value in chosen:
            counts.setdefault(value, 0)
        labels = facet_labels(name, counts)
        values = [
            FacetValue(value=value, label=labels[value], count=count, selected=value in chosen)
            for value, count in counts.items()
        ]
        facets.append(Facet(name=name, label=str(FACET_LABELS[name]), values=values))
    return facets


#: "Did you mean": how many words of a query are corrected, and how many permitted
#: documents are read for the spellings of each.
SUGGEST_WORDS = 6
SUGGEST_HITS = 10
#: Where "did you mean" looks for spellings: all the text a reader may see.
SPELLING_FIELDS = ("title", "summary", "body")
#: How alike a word of the hits must be to the query's word to be offered for it.
CLOSE_SPELLING = 0.7
_WORD = re.compile(r"\w+")


def _spellings(response, word: str) -> Counter:
    """The words of the hits' text that are close spellings of ``word`` (same first
    letter, as the fuzzy query's prefix; at most two letters longer or shorter), with
    the number of hits each is in. Read from the hits' text rather than from
    highlighting: highlighting a fuzzy query was most of its cost."""
    lowered = word.lower()
    found: Counter = Counter()
    for hit in response.hits:
        text = " ".join(str(getattr(hit, name, "") or "") for name in SPELLING_FIELDS).lower()
        words = {
            candidate
            for candidate in _WORD.findall(text)
            if candidate[:1] == lowered[:1] and abs(len(candidate) - len(lowered)) <= 2
        }
        found.update(
            candidate
            for candidate in words
            if difflib.SequenceMatcher(None, lowered, candidate).ratio() >= CLOSE_SPELLING
        )
    return found


def _closest(word: str, spellings: Counter) -> str:
    lowered = word.lower()
    if not spellings or lowered in spellings:
        return word
    return max(
        spellings,
        key=lambda s: (difflib.SequenceMatcher(None, lowered, s).ratio(), spellings[s], s),
    )


def did_you_mean(client, q: str, visible_group_ids: set[int] | None) -> str:
    """A spelling correction taken only from documents the viewer may see.

    Each word of the query is looked up fuzzily among the permitted documents (the
    permission filter is part of the query); the close spellings in their titles and
    summaries are the candidates, and the closest one replaces the word. Elasticsearch's
    term suggester is not used: it reads the whole index, and would offer the words of
    a private group's discussions to anyone."""
    words = [m for m in _WORD.finditer(q) if len(m.group(0)) >= 3][:SUGGEST_WORDS]
    if not words:
        return ""
    multi = MultiSearch(using=client)
    for match in words:
        query = Q(
            "multi_match",
            query=match.group(0),
            fields=[f"{name}^{TEXT_BOOSTS[name]}" for name in SPELLING_FIELDS],
            fuzziness="AUTO",
            prefix_length=1,
            max_expansions=FUZZY_EXPANSIONS,
        )
        # A list of names: ``_msearch`` headers do not split a comma-separated string.
        search_ = _base(client, indices().split(","), visible_group_ids)
        search_ = search_.query(query).source(list(SPELLING_FIELDS))
        multi = multi.add(search_[:SUGGEST_HITS])
    corrected = q
    responses = multi.execute()
    for match, response in sorted(
        zip(words, responses, strict=True), key=lambda pair: pair[0].start(), reverse=True
    ):
        spelling = _closest(match.group(0), _spellings(response, match.group(0)))
        corrected = corrected[: match.start()] + spelling + corrected[match.end() :]
    if corrected.casefold() == q.casefold():
        return ""
    check = (
        _base(client, indices(), visible_group_ids)
        .query(_text_query(understand(corrected)))
        .extra(size=0, track_total_hits=1)
    )
    return corrected if check.count() > 0 else ""


def autocomplete(
    client, prefix: str, visible_group_ids: set[int] | None, *, limit: int = 8
) -> list[Suggestion]:
    """Titles starting with the words typed, one per item (the reader's version of a
    translated one)."""
    language = get_language() or ""
    search_ = _base(client, indices(), visible_group_ids)
    query = Q(
        "bool",
        must=[Q("match_bool_prefix", title={"query": prefix, "operator": "and"})],
        should=[Q("match_phrase_prefix", title={"query": prefix, "boost": 2})],
    )
    search_ = search_.query(_reader_language_first(query, SearchParams(language=language)))
    fields = ["type", "object_id", "title", "url"]
    search_ = search_.source([*fields, *VERSION_FIELDS])
    search_ = search_.extra(collapse=_collapse())[:limit]
    answer = Collapsed(indices(), search_.execute().hits, query, fields)
    [versions] = readers_versions(client, [answer], language, visible_group_ids)
    results = []
    for source, _highlight, _score in versions:
        searchable = get_searchable(source["type"])
        results.append(
            Suggestion(
                type=source["type"],
                id=int(source["object_id"]),
                title=source["title"],
                url=source.get("url") or "",
                type_label=str(searchable.label) if searchable else source["type"],
            )
        )
    return results


def _keys_shown(source: dict, chosen: list[RelatedItem]) -> list[str]:
    """The translation keys already on the page: the document's own and the editors'
    choices (their other versions are the same items)."""
    return [
        source[TRANSLATION_KEY],
        *(item.translation_key for item in chosen if item.translation_key),
    ]


TAXONOMY_BOOSTS = {"themes": 3.0, "sectors": 1.5, "countries": 2.0, "regions": 1.0}


def related(
    client,
    document: SearchDocument,
    chosen: dict[str, list[RelatedItem]],
    visible_group_ids: set[int] | None,
    *,
    types: tuple[str, ...],
    per_section: int = 5,
) -> Related:
    """Related items by type: the editors' choices first, then more_like_this on the
    text boosted by shared themes, sectors, countries and regions — all in one
    ``_msearch`` round trip. One item per translation key, in the reader's language when
    it has a version in it; never a translation of ``document`` itself."""
    language = get_language() or ""
    source = document.as_source()
    like_text = document.text[:5000]
    multi = MultiSearch(using=client)
    wanted_types = [t for t in types if get_searchable(t)]
    fields = ["type", "object_id", "title", "url", *TAXONOMY_BOOSTS]
    queries: dict[str, Q] = {}
    for type_name in wanted_types:
        exclude = [str(item.id) for item in chosen.get(type_name, [])]
        if type_name == document.type:
            exclude.append(str(document.id))
        should = []
        if like_text.strip():
            should.append(
                Q(
                    "more_like_this",
                    fields=["title", "summary", "body"],
                    like=like_text,
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=25,
                    minimum_should_match="20%",
                )
            )
        for field, boost in TAXONOMY_BOOSTS.items():
            values = [v for v in source[field] if v != "001"]
            if values:
                should.append(Q("terms", **{field: values, "boost": boost}))
        query = Q(
            "bool",
            should=should,
            minimum_should_match=1,
            must_not=[
                Q("ids", values=exclude),
                Q("terms", **{TRANSLATION_KEY: _keys_shown(source, chosen.get(type_name, []))}),
            ],
        )
        queries[type_name] = query
        if language:
            query = Q(
                "bool",
                must=[query],
                should=[
                    Q(
                        "constant_score",
                        filter=Q("term", language=language),
                        boost=READER_LANGUAGE_BOOST,
                    )
                ],
            )
        limit = max(per_section - len(chosen.get(type_name, [])), 0)
        search_ = _base(client, alias_name(type_name), visible_group_ids).query(query)
        search_ = search_.source([*fields, *VERSION_FIELDS])
        multi = multi.add(search_.extra(collapse=_collapse())[:limit])

    responses = multi.execute() if wanted_types else []
    flags = [partial(response) for response in responses]  # each partial answer is logged
    incomplete = any(flags)
    answers = readers_versions(
        client,
        [
            Collapsed(alias_name(type_name), response.hits, queries[type_name], fields)
            for type_name, response in zip(wanted_types, responses, strict=True)
        ],
        language,
        visible_group_ids,
    )
    sections = []
    for type_name, versions in zip(wanted_types, answers, strict=True):
        docs = [doc for doc, _highlight, _score in versions]
        scores = [score for _doc, _highlight, score in versions]
        reasons = related_reasons(source, docs)
        searchable = get_searchable(type_name)
        items = list(chosen.get(type_name, []))
        items += [
            RelatedItem(
                type=doc["type"],
                id=int(doc["object_id"]),
                title=doc["title"],
                url=doc.get("url") or "",
                type_label=str(searchable.label),
                reasons=why,
                score=score,
            )
            for doc, why, score in zip(docs, reasons, scores, strict=True)
        ]
        sections.append(
            RelatedSection(type=type_name, label=str(searchable.label_plural), items=items)
        )
    return Related(sections=sections, backend="elasticsearch", incomplete=incomplete)
