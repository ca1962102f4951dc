"""The multilingual glossary as files: export and import, in JSON or CSV.

One concept per record: its ``key``, optional ``theme`` and ``sector`` (taxonomy slugs),
``description``, and one list of terms per site language (the first term of a language
is its preferred one). In CSV a language's terms share a cell, separated by ``|``.

An import is checked whole before anything is written: a file with any problem is
rejected with every problem and its line (CSV) or record number (JSON), and nothing
changes. Records are matched on ``key``: new concepts are created, changed ones
replaced (terms included), unchanged ones left alone, so importing the same file twice
changes nothing. Imported concepts are published (they expand queries at once); the
concepts the file does not name are left as they are.

``search/data/glossary.json`` is the glossary the platform ships with (loaded by a
migration); ``manage.py glossary`` and the admin's glossary page run this module.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import GlossaryConcept, GlossaryTerm

#: The glossary the platform ships with (loaded by migration 0007; ``manage.py glossary
#: import`` loads it again after an update).
SHIPPED = Path(__file__).resolve().parent / "data" / "glossary.json"
TERM_SEPARATOR = "|"
MAX_TERM_LENGTH = GlossaryTerm._meta.get_field("text").max_length
MAX_FILE_BYTES = 5 * 2**20


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class GlossaryRejected(Exception):
    def __init__(self, issues: list[str]) -> None:
        super().__init__(f"{len(issues)} problem(s)")
        self.issues = issues


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return _("Glossary imported: %(created)d new, %(updated)d changed, %(same)d unchanged.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "same": self.unchanged,
        }


# Export ------------------------------------------------------------------------------


def records(queryset=None) -> list[dict]:
    """The concepts as records (published and draft alike: an export is a backup)."""
    queryset = queryset if queryset is not None else GlossaryConcept.objects.all()
    queryset = queryset.select_related("theme", "sector").prefetch_related("terms")
    out = []
    for concept in queryset.order_by("key"):
        record: dict = {"key": concept.key}
        if concept.theme_id:
            record["theme"] = concept.theme.slug
        if concept.sector_id:
            record["sector"] = concept.sector.slug
        if concept.description:
            record["description"] = concept.description
        terms = sorted(concept.terms.all(), key=lambda t: (t.sort_order or 0, t.pk))
        for code in languages():
            record[code] = [term.text for term in terms if term.language == code]
        out.append(record)
    return out


def export_json() -> str:
    return json.dumps(records(), ensure_ascii=False, indent=2) + "\n"


def csv_columns() -> list[str]:
    return ["key", "theme", "sector", *languages(), "description"]


def export_csv() -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(), lineterminator="\n")
    writer.writeheader()
    for record in records():
        row = {name: record.get(name, "") for name in ("key", "theme", "sector", "description")}
        for code in languages():
            row[code] = f" {TERM_SEPARATOR} ".join(record.get(code, []))
        writer.writerow(row)
    return buffer.getvalue()


# Import ------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryRejected([_("The file is not UTF-8 text.")]) from exc


def detect_format(text: str) -> str:
    return "json" if text.lstrip().startswith(("[", "{")) else "csv"


def _parse_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GlossaryRejected(
            [
                _("Line %(line)d: not valid JSON (%(error)s).")
                % {"line": exc.lineno, "error": exc.msg}
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("concepts"), list):
        data = data["concepts"]
    if not isinstance(data, list):
        raise GlossaryRejected([_("The file must hold a list of concepts.")])
    out = []
    for number, record in enumerate(data, start=1):
        where = _("Record %(number)d") % {"number": number}
        if not isinstance(record, dict):
            raise GlossaryRejected([_("%(where)s: not an object.") % {"where": where}])
        out.append((where, record))
    return out


def _parse_csv(text: str) -> list[tuple[str, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"key", *languages()} - set(reader.fieldnames or [])
    if missing:
        raise GlossaryRejected(
            [_("Line 1: missing column(s): %(columns)s.") % {"columns": ", ".join(sorted(missing))}]
        )
    out = []
    for row in reader:
        record = {name: (row.get(name) or "").strip() for name in ("key", "theme", "sector")}
        record["description"] = (row.get("description") or "").strip()
        for code in languages():
            cell = row.get(code) or ""
            record[code] = [term.strip() for term in cell.split(TERM_SEPARATOR) if term.strip()]
        out.append((_("Line %(line)d") % {"line": reader.line_num}, record))
    return out


@dataclass
class _Clean:
    key: str
    theme_id: int | None
    sector_id: int | None
    description: str
    terms: list[tuple[str, str]]


def _validate(parsed: list[tuple[str, dict]]) -> tuple[list[_Clean], list[str]]:
    from taxonomy.models import Sector, Theme

    themes = dict(Theme.objects.values_list("slug", "pk"))
    sectors = dict(Sector.objects.values_list("slug", "pk"))
    issues: list[str] = []
    clean: list[_Clean] = []
    seen: dict[str, str] = {}
    for where, record in parsed:
        problems = []
        key = str(record.get("key") or "").strip()
        if not key:
            problems.append(_("no key"))
        elif slugify(key) != key:
            problems.append(_("key “%(key)s” must be a slug (a-z, 0-9, -)") % {"key": key})
        elif key in seen:
            problems.append(
                _("key “%(key)s” already used by %(other)s") % {"key": key, "other": seen[key]}
            )
        else:
            seen[key] = where
        refs = {}
        for name, known in (("theme", themes), ("sector", sectors)):
            value = str(record.get(name) or "").strip()
            if value and value not in known:
                problems.append(_("unknown %(kind)s “%(value)s”") % {"kind": name, "value": value})
            refs[name] = known.get(value) if value else None
        terms: list[tuple[str, str]] = []
        for code in languages():
            values = record.get(code) or []
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(_("“%(code)s” must be a list of terms") % {"code": code})
                continue
            for value in values:
                text = " ".join(value.split())
                if len(text) > MAX_TERM_LENGTH:
                    problems.append(
                        _("term “%(term)s…” is longer than %(max)d characters")
                        % {"term": text[:30], "max": MAX_TERM_LENGTH}
                    )
                elif text and (code, text) not in terms:
                    terms.append((code, text))
        if not terms:
            problems.append(_("no term in any language"))
        unknown = set(record) - {"key", "theme", "sector", "description", *languages()}
        if unknown:
            problems.append(
                _("unknown field(s): %(fields)s") % {"fields": ", ".join(sorted(unknown))}
            )
        if problems:
            issues.append(f"{where}: {'; '.join(problems)}.")
            continue
        clean.append(
            _Clean(
                key=key,
                theme_id=refs["theme"],
                sector_id=refs["sector"],
                description=str(record.get("description") or "").strip(),
                terms=terms,
            )
        )
    return clean, issues


def _state(concept: GlossaryConcept) -> tuple:
    terms = sorted(concept.terms.all(), key=lambda t: (t.sort_order or 0, t.pk))
    return (
        concept.theme_id,
        concept.sector_id,
        concept.description,
        [(term.language, term.text) for term in terms],
        concept.live,
    )


def import_glossary(data: bytes | str, fmt: str | None = None, *, user=None) -> ImportResult:
    """Import a glossary file (see the module's docstring). Raises
    :class:`GlossaryRejected` with every problem when the file has any."""
    if len(data) > MAX_FILE_BYTES:
        raise GlossaryRejected([_("The file is larger than 5 MB.")])
    text = _decode(data)
    fmt = fmt or detect_format(text)
    parsed = _parse_json(text) if fmt == "json" else _parse_csv(text)
    clean, issues = _validate(parsed)
    if issues:
        raise GlossaryRejected(issues)
    result = ImportResult()
    existing = {
        concept.key: concept
        for concept in GlossaryConcept.objects.filter(
            key__in=[c.key for c in clean]
        ).prefetch_related("terms")
    }
    with transaction.atomic():
        for item in clean:
            concept = existing.get(item.key)
            wanted = (item.theme_id, item.sector_id, item.description, item.terms, True)
            if concept is not None and _state(concept) == wanted:
                result.unchanged += 1
                continue
            if concept is None:
                concept = GlossaryConcept(key=item.key)
                result.created.append(item.key)
            else:
                result.updated.append(item.key)
            concept.theme_id, concept.sector_id = item.theme_id, item.sector_id
            concept.description = item.description
            concept.terms = [
                GlossaryTerm(language=code, text=text, sort_order=order)
                for order, (code, text) in enumerate(item.terms)
            ]
            concept.save()
            concept.save_revision(user=user, log_action=True).publish(user=user)
    return result


def concept_count() -> int:
    return GlossaryConcept.objects.count()
