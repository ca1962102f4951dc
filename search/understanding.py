"""What a query means before any backend runs it: its words, the glossary concepts and
taxonomy labels it names (in any of the site's languages), and how strictly it must
match.

A query becomes a list of *units*. A unit is a word, or a phrase the vocabulary
recognises ("transferts de fonds", "labour migration", "Filipinas"); it matches a
document when any of its *alternatives* does: its own words, the concept's names in
every language, and — for a theme, sector, country or region — the documents tagged
with it. Every unit must match (``strict``); when nothing does, most of them must
(``relaxed``); when still nothing does, the backend's spelling correction is tried.
Both backends build their query from the same units (``search.queries`` and
``search.database``), so they agree on what a query means.

The vocabulary (glossary terms and taxonomy labels) is read from the database once per
process and version: a change to the glossary or the taxonomy bumps a version in the
shared cache, and every process rebuilds its copy on its next query.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from . import analysis
from .languages import STEMMERS
from .results import SearchParams, SearchResults

logger = logging.getLogger(__name__)

VERSION_KEY = "search:vocabulary:version"
#: The longest phrase (in words) the vocabulary recognises.
MAX_PHRASE = 10
#: Facets a recognised taxonomy label can suggest, in the order they are offered.
TAXONOMY_FACETS = {
    "theme": "themes",
    "sector": "sectors",
    "country": "countries",
    "region": "regions",
}
TAXONOMY_KIND_LABELS = {
    "theme": _("Theme"),
    "sector": _("Sector"),
    "country": _("Country"),
    "region": _("Region"),
}


#: Search syntax a reader may type: a quoted phrase, ``-word`` or ``+word``, ``a | b``,
#: ``a OR b``, ``word*``, parentheses. Such a query runs as written on both backends; a
#: hyphen inside a word ("main-d'œuvre", "whole-of-government") is not syntax.
_SYNTAX = re.compile(r'"|\||\bOR\b|(?:^|\s)[-+]\w|\w\*|[()~]')


def has_syntax(q: str) -> bool:
    return bool(_SYNTAX.search(q))


@dataclass(frozen=True)
class Tag:
    """A taxonomy value a query names: ``facet`` is the URL parameter (``theme``),
    ``value`` the indexed value (a slug, an ISO or M49 code)."""

    facet: str
    value: str
    label: str

    @property
    def field(self) -> str:
        return TAXONOMY_FACETS[self.facet]

    @property
    def kind_label(self) -> str:
        return str(TAXONOMY_KIND_LABELS[self.facet])


@dataclass
class Unit:
    """A word or a recognised phrase of the query."""

    text: str
    #: Phrases any of which satisfies the unit (the unit's own text first).
    alternatives: list[str]
    #: Taxonomy values whose documents satisfy the unit.
    tags: list[Tag] = field(default_factory=list)
    #: The glossary concept the unit names, if any.
    concept: str = ""
    #: The language of each alternative that is a glossary term; what was typed has
    #: none, and is read by every stemmer.
    languages: dict[str, str] = field(default_factory=dict)

    @property
    def is_word(self) -> bool:
        return len(self.alternatives) == 1 and not self.tags and " " not in self.text

    def readings(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        """Each alternative as ``(stemmer, readings of each of its words)``, stop words
        aside: a glossary term read by its language's stemmer, what was typed by every
        stemmer (the reader's language is not known from a query); duplicates once."""
        seen: set[tuple] = set()
        out = []
        for alternative in self.alternatives:
            language = self.languages.get(alternative, "")
            names = (
                [STEMMERS.get(language, analysis.NO_STEMMER)]
                if language
                else analysis.stemmer_names()
            )
            words = [w for w in analysis.words(alternative) if not analysis.is_stopword(w)]
            words = words or analysis.words(alternative)
            for name in names:
                readings = tuple(analysis.readings(word, name) for word in words)
                if readings and readings not in seen:
                    seen.add(readings)
                    out.append((name, readings))
        return out


@dataclass
class Understanding:
    q: str
    units: list[Unit]

    @property
    def tags(self) -> list[Tag]:
        return list(dict.fromkeys(tag for unit in self.units for tag in unit.tags))

    @property
    def expansions(self) -> list[str]:
        """The other-language names the query was widened to, for "also searched"."""
        seen = {analysis.fold(unit.text) for unit in self.units}
        out: list[str] = []
        for unit in self.units:
            for alternative in unit.alternatives[1:]:
                folded = analysis.fold(alternative)
                if folded not in seen:
                    seen.add(folded)
                    out.append(alternative)
        return out

    def required(self, *, relaxed: bool) -> int:
        """How many units a document must match: all of them, or — relaxed — most of
        them (two of three, three of four, four of six)."""
        count = len(self.units)
        if not relaxed or count <= 1:
            return count
        return max(1, count - max(1, count // 3))


# The vocabulary -----------------------------------------------------------------------


@dataclass
class Entry:
    """What a recognised phrase names."""

    concept: str = ""
    #: ``(text, language)`` of each of the concept's terms.
    terms: tuple[tuple[str, str], ...] = ()
    tags: tuple[Tag, ...] = ()


class Vocabulary:
    """Glossary terms and taxonomy labels, indexed by their words' keys under the
    stemmer of their language."""

    def __init__(self) -> None:
        #: stemmer -> key tuple -> entries
        self.phrases: dict[str, dict[tuple[str, ...], list[Entry]]] = defaultdict(dict)
        self.longest = 1
        #: Every term's words, folded: the spellings a typo can be corrected to.
        self.spellings: set[str] = set()
        #: Misspellings already looked up (folded word -> spelling, or "").
        self.corrections: dict[str, str] = {}

    def add(self, text: str, language: str, entry: Entry) -> None:
        stemmer = STEMMERS.get(language, analysis.NO_STEMMER)
        keys = analysis.keys(text, stemmer)
        if not keys:
            return
        self.phrases[stemmer].setdefault(keys, []).append(entry)
        self.longest = max(self.longest, min(len(keys), MAX_PHRASE))
        self.spellings.update(analysis.fold(word) for word in analysis.words(text))

    def lookup(self, words: list[str]) -> list[Entry]:
        found: list[Entry] = []
        for stemmer, phrases in self.phrases.items():
            found += phrases.get(tuple(analysis.key(word, stemmer) for word in words), [])
        return found


_local = threading.local()


def forget() -> None:
    """Make every process rebuild its vocabulary (the glossary or taxonomy changed)."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - the cache is an optimisation, never a dependency
        logger.warning("search: could not bump the vocabulary version", exc_info=True)
    forget_local()


def forget_local() -> None:
    _local.__dict__.pop("vocabulary", None)


def _version() -> str:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY, "")
        return str(version)
    except Exception:  # noqa: BLE001
        return ""


def vocabulary() -> Vocabulary:
    version = _version()
    cached = getattr(_local, "vocabulary", None)
    if cached is not None and cached[0] == version and version:
        return cached[1]
    built = build_vocabulary()
    _local.vocabulary = (version, built)
    return built


def build_vocabulary() -> Vocabulary:
    from taxonomy.models import Country, Region, Sector, Theme

    from .models import GlossaryConcept

    vocab = Vocabulary()
    taxonomy = [
        ("theme", Theme.objects.only("slug", "name", "translations"), "slug"),
        ("sector", Sector.objects.only("slug", "name", "translations"), "slug"),
        ("country", Country.objects.only("code", "name", "translations"), "code"),
        ("region", Region.objects.only("code", "name", "translations"), "code"),
    ]
    tag_of: dict[tuple[str, int], Tag] = {}
    for facet, queryset, value_field in taxonomy:
        for obj in queryset:
            tag = Tag(facet=facet, value=getattr(obj, value_field), label=obj.name)
            tag_of[(facet, obj.pk)] = tag
            entry = Entry(tags=(tag,))
            vocab.add(obj.name, "en", entry)
            for language, name in (obj.translations or {}).items():
                if name:
                    vocab.add(name, language, entry)
    concepts = GlossaryConcept.objects.filter(live=True).prefetch_related("terms")
    for concept in concepts:
        terms = tuple(
            dict.fromkeys((term.text.strip(), term.language) for term in concept.terms.all())
        )
        tags = tuple(
            tag_of[key]
            for key in (("theme", concept.theme_id), ("sector", concept.sector_id))
            if key in tag_of
        )
        entry = Entry(concept=concept.key, terms=terms, tags=tags)
        for term in concept.terms.all():
            vocab.add(term.text, term.language, entry)
    return vocab


# Understanding a query ----------------------------------------------------------------


def _unit(words: list[str], entries: list[Entry]) -> Unit:
    text = " ".join(words)
    alternatives = [text]
    languages: dict[str, str] = {}
    tags: list[Tag] = []
    concept = ""
    for entry in entries:
        concept = concept or entry.concept
        for term, language in entry.terms:
            if term not in alternatives:
                alternatives.append(term)
                languages[term] = language
        tags += [tag for tag in entry.tags if tag not in tags]
    return Unit(
        text=text, alternatives=alternatives, tags=tags, concept=concept, languages=languages
    )


def _longest_match(vocab: Vocabulary, words: list[str], start: int) -> tuple[int, list[Entry]]:
    """The longest phrase at ``start`` the vocabulary names (never one that begins with
    a stop word), as ``(size, entries)``; ``(1, [])`` when there is none."""
    if analysis.is_stopword(words[start]):
        return 1, []
    for size in range(min(vocab.longest, len(words) - start), 0, -1):
        entries = vocab.lookup(words[start : start + size])
        if entries:
            return size, entries
    return 1, []


#: How close a word the vocabulary does not know must be to one it does to be read as
#: a misspelling of it ("remitances" → "remittances", "gobernaza" → "gobernanza").
SPELLING_CUTOFF = 0.85


def _spelled(vocab: Vocabulary, word: str) -> str:
    """The vocabulary's spelling of a word it does not know, or the word itself."""
    folded = analysis.fold(word)
    if len(folded) < 5 or folded in vocab.spellings or analysis.is_stopword(word):
        return word
    if folded not in vocab.corrections:
        close = difflib.get_close_matches(folded, vocab.spellings, n=1, cutoff=SPELLING_CUTOFF)
        vocab.corrections[folded] = close[0] if close else ""
    return vocab.corrections[folded] or word


def understand(q: str, vocab: Vocabulary | None = None) -> Understanding:
    """The units of ``q``: the longest recognised phrases first, then single words
    (without stop words, unless the query has nothing else). A word the vocabulary
    does not know but nearly does is also read as the word it knows: the unit keeps
    what was typed and gains the known spelling (and its concept) as alternatives."""
    vocab = vocab if vocab is not None else vocabulary()
    typed = analysis.words(q)[:32]
    words = [_spelled(vocab, word) for word in typed]
    units: list[Unit] = []
    i = 0
    while i < len(words):
        size, entries = _longest_match(vocab, words, i)
        text = " ".join(typed[i : i + size])
        spelled = " ".join(words[i : i + size])
        if entries:
            unit = _unit(typed[i : i + size], entries)
            if spelled != text and spelled not in unit.alternatives:
                unit.alternatives.insert(1, spelled)
            units.append(unit)
        elif not analysis.is_stopword(typed[i]):
            units.append(Unit(text=text, alternatives=list(dict.fromkeys([text, spelled]))))
        i += size
    if not units and typed:
        units = [Unit(text=word, alternatives=[word]) for word in typed]
    return Understanding(q=q, units=units[:12])


# Answering ---------------------------------------------------------------------------


def answer(
    params: SearchParams,
    run: Callable[..., SearchResults],
    correct: Callable[[str], str],
) -> SearchResults:
    """Search in passes, each only when the one before found nothing: every unit must
    match; then most of them (and, on Elasticsearch, close spellings); then the
    backend's spelling correction of the query. ``run(params, understanding, relaxed=)``
    is one backend pass; ``correct(q)`` its "did you mean"."""
    understanding = understand(params.q) if params.q.strip() else None
    results = run(params, understanding, relaxed=False)
    if understanding is None or not understanding.units:
        return results
    if results.total == 0:
        results = _retry(params, understanding, run, correct)
    results.expansions = understanding.expansions
    chosen = {(name, value) for name, values in params.filters.items() for value in values}
    results.recognised = [tag for tag in understanding.tags if (tag.facet, tag.value) not in chosen]
    return results


def vocabulary_correction(q: str) -> str:
    """``q`` with each word the vocabulary does not know replaced by the closest term
    word it does ("saisonners" → "saisonniers", "gobernaza" → "gobernanza"); "" when
    nothing changes."""
    spellings = vocabulary().spellings
    words = analysis.words(q)
    corrected = []
    for word in words:
        folded = analysis.fold(word)
        if len(folded) < 4 or folded in spellings or analysis.is_stopword(word):
            corrected.append(word)
            continue
        close = difflib.get_close_matches(folded, spellings, n=1, cutoff=0.8)
        corrected.append(close[0] if close else word)
    return " ".join(corrected) if corrected != words else ""


def _retry(params, understanding, run, correct) -> SearchResults:
    """The passes after a strict one that found nothing."""
    relaxed = run(params, understanding, relaxed=True)
    suggestion = correct(params.q)
    if relaxed.total:
        relaxed.relaxed = True
        relaxed.suggestion = suggestion
        return relaxed
    for candidate in dict.fromkeys(c for c in (suggestion, vocabulary_correction(params.q)) if c):
        meaning = understand(candidate)
        corrected = run(replace(params, q=candidate), meaning, relaxed=False)
        if not corrected.total and len(meaning.units) > 1:
            corrected = run(replace(params, q=candidate), meaning, relaxed=True)
            corrected.relaxed = bool(corrected.total)
        if corrected.total:
            corrected.params = params
            corrected.corrected_from = params.q
            corrected.suggestion = candidate
            return corrected
    relaxed.suggestion = suggestion
    return relaxed
