"""Markdown written by members, rendered to HTML that is safe to show to everyone.

python-markdown turns the text into HTML, then nh3 (the ammonia sanitiser) keeps an
allow-list of tags, attributes and URL schemes; anything else, including raw HTML a
member typed, is dropped (script and style elements with their content). Links are
marked ``rel="nofollow ugc noopener"`` so that user content passes no search-engine
credit and cannot reach ``window.opener``.
Forum posts, comments and profile bios all go through ``render_markdown``.
"""

from __future__ import annotations

import unicodedata

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Bidirectional overrides and isolates can make text read differently from what it is
# ("Trojan source"); members never need them in discussion text.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"), None
)

_md = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists", "nl2br"])


def clean_text(text: str) -> str:
    """Normalise member text before storing or rendering it."""
    text = unicodedata.normalize("NFC", text or "")
    return text.translate(_BIDI_CONTROLS).replace("\x00", "")


def render_markdown(text: str) -> SafeString:
    """Render member Markdown to sanitised HTML (see the module docstring)."""
    _md.reset()
    rendered = _md.convert(clean_text(text))
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def render_plain(text: str) -> str:
    """The text of a Markdown body without markup, for notifications and snippets."""
    return nh3.clean(str(render_markdown(text)), tags=set()).strip()
