"""Which stemmer reads a document, by the language it is written in.

One table for both engines: Elasticsearch's language analyzers and PostgreSQL's text
search configurations have the same names (``english``, ``french``, ``spanish``), so a
language added here is stemmed by both. A document of unknown language ("", such as a
forum topic) is read in the site's default language; a language with no stemmer here
is read word for word (``simple``).
"""

from __future__ import annotations

from django.conf import settings

STEMMERS: dict[str, str] = {"en": "english", "fr": "french", "es": "spanish"}
NO_STEMMER = "simple"


def stemmer_for(language: str) -> str:
    """The stemmer (analyzer / text search configuration) for a document's language."""
    return STEMMERS.get(language or settings.LANGUAGE_CODE.split("-")[0], NO_STEMMER)


def stemmers() -> list[str]:
    """Every stemmer a document may have been read with, for a query that must find
    documents in any language."""
    return sorted({*STEMMERS.values(), stemmer_for(""), NO_STEMMER})


def codes_read_with(stemmer: str) -> tuple[list[str], bool]:
    """The document languages ``stemmer`` reads, as ``(codes, negated)``: the codes
    themselves, or — for ``simple`` — the codes it does *not* read (every language
    without a stemmer of its own)."""
    codes = {"", *STEMMERS}
    if stemmer == NO_STEMMER:
        return sorted(code for code in codes if stemmer_for(code) != NO_STEMMER), True
    return sorted(code for code in codes if stemmer_for(code) == stemmer), False
