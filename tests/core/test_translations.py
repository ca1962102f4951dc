"""Every string a reader sees is translated.

Two checks keep the promise that the platform ships in English, French and Spanish:

* a template checker finds user-visible text left outside ``{% translate %}`` and
  ``{% blocktranslate %}`` (text nodes and the attributes a screen reader or a tooltip
  reads aloud), so a new template cannot slip an English-only sentence in;
* the committed catalogues are compared with a fresh ``makemessages`` run into a
  temporary directory: a msgid that is missing, stale, fuzzy or untranslated in French or
  Spanish fails the suite.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = ("fr", "es")
# Not part of the interface: tools, caches, data, and the tests themselves.
SKIPPED_DIRS = (
    ".venv",
    ".cache",
    ".git",
    ".services",
    "node_modules",
    "var",
    "media",
    "tests",
    "reports",
    "__pycache__",
)

# Words that are the same in every language: acronyms, brand and standard names.
ALLOWED_WORDS = {
    "CSV",
    "JSON",
    "GFMD",
    "API",
    "OpenAPI",
    "RSS",
    "Atom",
    "ISO",
    "URL",
    "Practice",
    "Commons",
    "Wagtail",
    "Django",
    "Markdown",
    "Elasticsearch",
    "e.g",
}
VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description")
OPEN_BLOCKS = {"blocktranslate", "blocktrans", "comment", "verbatim"}
CLOSE_BLOCKS = {"endblocktranslate", "endblocktrans", "endcomment", "endverbatim"}
# Blocks whose content is markup, not text (CSS class names of <body>).
HIDDEN_BLOCKS = {"block body_class"}
ATTRIBUTE_RE = re.compile(
    r"""\s(?:{})\s*=\s*(?:"([^"]*)"|'([^']*)')""".format("|".join(VISIBLE_ATTRIBUTES)),
    re.IGNORECASE,
)
TAG_RE = re.compile(r"<[^>]*>", re.DOTALL)
SCRIPT_STYLE_RE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
ENTITY_RE = re.compile(r"&#?\w+;")
WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:\.[^\W\d_]+)*")


def visible_text(source: str) -> str:
    """The text of a template a reader sees, with Django tags, variables, comments and
    translated blocks removed. Untranslated tag placeholders become spaces so that text
    on either side of a tag is never glued into one word."""
    parts: list[str] = []
    depth = 0
    hidden_block = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0] if token.contents else ""
            if name in OPEN_BLOCKS or token.contents in HIDDEN_BLOCKS:
                depth += 1
                hidden_block = token.contents in HIDDEN_BLOCKS
            elif name in CLOSE_BLOCKS or (name == "endblock" and hidden_block):
                depth -= 1
                hidden_block = False
            parts.append(" ⁂ ")
        elif token.token_type == TokenType.TEXT and depth == 0:
            parts.append(token.contents)
        else:
            parts.append(" ⁂ ")
    return "".join(parts)


def untranslated_words(source: str) -> list[str]:
    text = SCRIPT_STYLE_RE.sub(" ", visible_text(source))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    chunks = [m.group(1) or m.group(2) or "" for m in ATTRIBUTE_RE.finditer(text)]
    chunks.append(TAG_RE.sub(" ", text))
    words = []
    for chunk in chunks:
        chunk = ENTITY_RE.sub(" ", chunk)
        words.extend(w for w in WORD_RE.findall(chunk) if w not in ALLOWED_WORDS)
    return words


def project_templates() -> list[Path]:
    return sorted(p for p in TEMPLATES_DIR.rglob("*") if p.suffix in {".html", ".txt"})


def test_template_checker_finds_text_outside_translation_tags():
    source = (
        "{% load i18n %}<h1>{% translate 'Case studies' %}</h1>"
        "<p>Read more</p><img alt='A map' src='{{ url }}'>"
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
        "{# a note #}{% comment %}Draft text{% endcomment %}<span>GFMD · 2024</span>"
    )
    assert untranslated_words(source) == ["A", "map", "Read", "more"]


@pytest.mark.parametrize(
    "template", project_templates(), ids=lambda p: str(p.relative_to(TEMPLATES_DIR))
)
def test_template_has_no_text_outside_translation_tags(template):
    assert untranslated_words(template.read_text(encoding="utf-8")) == []


def read_catalogue(path: Path) -> dict[tuple[str, str], dict]:
    """msgids (with context) of a .po file, with their translations and flags, read
    parsed here so that no extra dependency (polib) is needed."""
    entries: dict[tuple[str, str], dict] = {}
    current: dict = {}
    field = None

    def flush() -> None:
        if "msgid" in current and current["msgid"]:
            key = (current.get("msgctxt", ""), current["msgid"])
            entries[key] = current.copy()

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
            current, field = {}, None
        elif line.startswith("#,"):
            current["fuzzy"] = "fuzzy" in line
        elif line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += _unquote(line)
        else:
            keyword, _, value = line.partition(" ")
            field = keyword
            current[field] = _unquote(value)
    return entries


def _unquote(value: str) -> str:
    return ast.literal_eval(value)


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> Path:
    """A French catalogue extracted now from the code. ``makemessages`` writes into the
    locale directory beside the sources it scans, so it runs over a throw-away copy of
    the project's sources: the committed catalogues are never touched."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is required: apt-get install gettext")
    copy = tmp_path_factory.mktemp("project") / "src"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(*SKIPPED_DIRS, "*.pyc", "*.mo", "*.po"),
    )
    (copy / "locale").mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        patch.setattr(settings, "LOCALE_PATHS", [copy / "locale"])
        call_command("makemessages", locale=["fr"], ignore_patterns=list(SKIPPED_DIRS), verbosity=0)
    return copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_committed_catalogues_match_the_code(fresh_catalogue):
    fresh = set(read_catalogue(fresh_catalogue))
    for language in TRANSLATED_LANGUAGES:
        committed = {
            key
            for key, entry in read_catalogue(
                LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
            ).items()
            if not entry.get("obsolete")
        }
        missing = sorted(fresh - committed)
        stale = sorted(committed - fresh)
        assert missing == [], f"{language}: run makemessages; not in the catalogue: {missing[:20]}"
        assert stale == [], f"{language}: no longer in the code: {stale[:20]}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_is_completely_translated(language):
    entries = read_catalogue(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    assert entries, f"no catalogue for {language}"
    fuzzy = sorted(msgid for (_ctx, msgid), e in entries.items() if e.get("fuzzy"))
    empty = sorted(
        msgid
        for (_ctx, msgid), e in entries.items()
        if any(not v for k, v in e.items() if k.startswith("msgstr"))
    )
    assert fuzzy == [], f"{language}: fuzzy entries: {fuzzy[:20]}"
    assert empty == [], f"{language}: untranslated entries: {empty[:20]}"
