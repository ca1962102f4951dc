"""How text is read for search, in Python: one reading for Elasticsearch's pre-analysed
fields, the demo's SQLite fallback, the glossary and taxonomy recognition.

The Elasticsearch node the tests run on carries only the server core (no
``analysis-common``: no stemmers, no ``asciifolding``), so words are stemmed here, with
the Snowball stemmers PostgreSQL and Elasticsearch's language analyzers use
(``snowballstemmer``, accelerated by ``PyStemmer``), and written as whitespace-separated
tokens into fields mapped with the core ``whitespace`` analyzer.

Accents are optional. A word is read twice: stemmed as written, then folded
(``intégration`` → ``integr``), and folded, then stemmed (``integracion`` →
``integracion``) — the Spanish and French stemmers only strip suffixes they recognise
with their accents, so a reader who types without accents must meet the second reading.
Both readings of a document's words are indexed; a query word matches when either of its
readings is there.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

from .languages import NO_STEMMER, STEMMERS

_WORD = re.compile(r"\w+", re.UNICODE)

#: Letters that do not decompose into a base letter and a mark (NFKD leaves them whole).
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"}

#: The accented letters of the three languages and their folded forms, for the database
#: side of the same rule: PostgreSQL folds with ``translate()`` (built in, no extension).
ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüýÿçñ"
FOLDED = "aaaaaaeeeeiiiiooooouuuuyycn"

#: Words too common to carry meaning. A query drops them (unless it is made of nothing
#: else), so "programas de migración laboral" needs no "de" in an English text.
STOPWORDS: dict[str, frozenset[str]] = {
    "english": frozenset(
        """a an and are as at be but by for from has have how in into is it its of on or
        that the their this to was were what when where which who why will with within
        about after among between our we you your not no""".split()
    ),
    "french": frozenset(
        """a au aux avec ce ces cet cette dans de des du elle en entre est et il ils je la
        le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par
        pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
        d l j n s c y été être sont comme plus""".split()
    ),
    "spanish": frozenset(
        """a al como con de del desde donde el ella ellas ellos en entre es esta este esto
        estos estas ha la las le les lo los mas más me mi mis muy no nos o para pero por
        que qué se sin sobre su sus también te tu tus un una unas uno unos y ya son ser
        fue cómo""".split()
    ),
}
ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())

_local = threading.local()


def fold(text: str) -> str:
    """Lower case, without accents: "Migración Intégrée" → "migracion integree"."""
    lowered = text.lower()
    for letter, plain in LIGATURES.items():
        lowered = lowered.replace(letter, plain)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, as written."""
    return [word.lower() for word in _WORD.findall(text)]


def _stemmer(name: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


@lru_cache(maxsize=200_000)
def readings(word: str, stemmer: str) -> tuple[str, ...]:
    """The one or two tokens a (lower-case) word is indexed and matched as."""
    if stemmer == NO_STEMMER:
        return (fold(word),)
    stem = _stemmer(stemmer).stemWord
    first = fold(stem(word))
    second = stem(fold(word))
    return (first,) if first == second else (first, second)


@lru_cache(maxsize=200_000)
def key(word: str, stemmer: str) -> str:
    """One token per word, for recognising terms (the glossary, taxonomy labels): the
    folded word, stemmed — so "remesa", "Remesas" and "transfert de fonds" meet the
    glossary's "remesas" and "transferts de fonds"."""
    folded = fold(word)
    return folded if stemmer == NO_STEMMER else _stemmer(stemmer).stemWord(folded)


def keys(text: str, stemmer: str) -> tuple[str, ...]:
    return tuple(key(word, stemmer) for word in words(text))


def tokens(text: str, stemmer: str) -> str:
    """``text`` as the whitespace-separated tokens of its words' readings."""
    return " ".join(token for word in words(text) for token in readings(word, stemmer))


def is_stopword(word: str) -> bool:
    return fold(word) in _FOLDED_STOPWORDS or word.lower() in ALL_STOPWORDS


_FOLDED_STOPWORDS = frozenset(fold(word) for word in ALL_STOPWORDS)


def stemmer_names() -> list[str]:
    """Every stemmer a reading may use."""
    return sorted({*STEMMERS.values(), NO_STEMMER})
