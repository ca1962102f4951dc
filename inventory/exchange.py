"""The file format in which inventory items and recommendations travel: import and export.

One format, two encodings. JSON is a list of records shaped exactly like the demo data in
``inventory/demo/*.json`` (or an object ``{"inventory_items": [...], "recommendations":
[...]}`` carrying both). CSV is the same records flattened: one column per field, list
fields joined with ``;`` (a literal ``;`` inside a value is written ``\\;``), booleans as
``true``/``false``, dates as ``YYYY-MM-DD``, empty cells for empty values.

This module only turns bytes into raw records (with the line or position each came from)
and objects into records; checking values against the database and writing them is the
import service's job (``inventory.services.imports``). Export → import gives back the same
data because both sides use the field lists below.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

ITEM_FIELDS = [
    "external_id",
    "title",
    "kind",
    "status",
    "providers",
    "delivery_mode",
    "languages",
    "target_countries",
    "target_regions",
    "sectors",
    "themes",
    "audiences",
    "start_date",
    "end_date",
    "cohort_year",
    "certification",
    "summary",
    "description",
    "replication_notes",
    "replicable_components",
    "cost_notes",
    "contact",
    "url",
]
RECOMMENDATION_FIELDS = [
    "external_id",
    "meeting_year",
    "meeting_host",
    "roundtable",
    "title",
    "text",
    "themes",
    "follow_up_status",
    "inventory_items",
]
LIST_FIELDS = {
    "providers",
    "languages",
    "target_countries",
    "target_regions",
    "sectors",
    "themes",
    "audiences",
    "replicable_components",
    "inventory_items",
}
BOOLEAN_FIELDS = {"certification"}
REQUIRED_FIELDS = {
    "items": {"external_id", "title", "kind"},
    "recommendations": {"external_id", "title", "text", "meeting_year", "meeting_host"},
}
FIELDS = {"items": ITEM_FIELDS, "recommendations": RECOMMENDATION_FIELDS}
ENTITY_KEYS = {"inventory_items": "items", "recommendations": "recommendations"}

_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


@dataclass(frozen=True)
class Issue:
    """One problem in an import file, located precisely enough to fix it."""

    where: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        if self.field:
            return _("%(where)s, field “%(field)s”: %(message)s") % {
                "where": self.where,
                "field": self.field,
                "message": self.message,
            }
        return f"{self.where}: {self.message}"


@dataclass
class RawRecord:
    """A record as read from the file, before its values are checked."""

    entity: str  # "items" or "recommendations"
    where: str  # "line 4" (CSV) or "inventory_items record 3" (JSON)
    data: dict[str, Any] = field(default_factory=dict)


class FormatError(Exception):
    """The file cannot be read at all (wrong encoding, not JSON, no header...)."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = issues


def detect_format(data: bytes) -> str:
    """Decide between JSON and CSV by looking at the content, never at a file name."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"[", b"{") else "csv"


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            [
                Issue(
                    _("line %(line)d") % {"line": line},
                    _(
                        "the file is not UTF-8 text (byte 0x%(byte)02x); save it as UTF-8 "
                        "and try again"
                    )
                    % {"byte": data[exc.start]},
                )
            ]
        ) from exc


def parse(data: bytes, fmt: str | None = None) -> list[RawRecord]:
    """Read a whole file into raw records (items first, then recommendations)."""
    fmt = fmt or detect_format(data)
    text = decode(data)
    if fmt == "json":
        return _parse_json(text)
    if fmt == "csv":
        return _parse_csv(text)
    raise FormatError([Issue(_("file"), _("unknown format “%(fmt)s”") % {"fmt": fmt})])


def _parse_json(text: str) -> list[RawRecord]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            [
                Issue(
                    _("line %(line)d, column %(col)d") % {"line": exc.lineno, "col": exc.colno},
                    _("not valid JSON: %(error)s") % {"error": exc.msg},
                )
            ]
        ) from exc
    if isinstance(payload, list):
        groups = [(_entity_of(payload), payload, None)]
    elif isinstance(payload, dict):
        unknown = sorted(set(payload) - set(ENTITY_KEYS))
        if unknown:
            raise FormatError(
                [
                    Issue(
                        _("file"),
                        _("unknown key “%(key)s”; expected %(expected)s")
                        % {"key": key, "expected": ", ".join(ENTITY_KEYS)},
                    )
                    for key in unknown
                ]
            )
        groups = [
            (entity, payload[key], key)
            for key, entity in ENTITY_KEYS.items()
            if key in payload and payload[key] is not None
        ]
    else:
        raise FormatError([Issue(_("file"), _("expected a list of records"))])
    records: list[RawRecord] = []
    issues: list[Issue] = []
    for entity, rows, key in groups:
        if not isinstance(rows, list):
            issues.append(Issue(key or _("file"), _("expected a list of records")))
            continue
        for number, row in enumerate(rows, start=1):
            where = (
                _("%(key)s record %(n)d") % {"key": key, "n": number}
                if key
                else _("record %(n)d") % {"n": number}
            )
            if not isinstance(row, dict):
                issues.append(Issue(where, _("expected an object with named fields")))
                continue
            records.append(RawRecord(entity, where, dict(row)))
    if issues:
        raise FormatError(issues)
    return records


def _entity_of(rows: list) -> str:
    """A bare list holds recommendations when its records name a GFMD meeting."""
    first = next((row for row in rows if isinstance(row, dict)), {})
    return "recommendations" if "meeting_year" in first or "text" in first else "items"


def _parse_csv(text: str) -> list[RawRecord]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise FormatError([Issue(_("line 1"), _("the file is empty"))]) from None
    except csv.Error as exc:
        raise FormatError([Issue(_("line 1"), str(exc))]) from exc
    entity = "recommendations" if "meeting_year" in header else "items"
    issues = header_issues(entity, header, _("line 1"))
    records: list[RawRecord] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            where = _("line %(line)d") % {"line": reader.line_num}
            if len(row) != len(header):
                issues.append(
                    Issue(
                        where,
                        _("%(found)d cells where the header has %(expected)d columns")
                        % {"found": len(row), "expected": len(header)},
                    )
                )
                continue
            data = {
                name: split_list(cell) if name in LIST_FIELDS else cell.strip()
                for name, cell in zip(header, row, strict=True)
            }
            records.append(RawRecord(entity, where, data))
    except csv.Error as exc:
        issues.append(Issue(_("line %(line)d") % {"line": reader.line_num}, str(exc)))
    if issues:
        raise FormatError(issues)
    return records


def header_issues(entity: str, names: list[str], where: str) -> list[Issue]:
    """Unknown, repeated and missing required columns (or JSON keys)."""
    known = FIELDS[entity]
    issues = [
        Issue(
            where,
            _("unknown field; the known fields are %(known)s") % {"known": ", ".join(known)},
            name,
        )
        for name in names
        if name not in known
    ]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            issues.append(Issue(where, _("the field appears twice"), name))
        seen.add(name)
    issues.extend(
        Issue(where, _("required field is missing"), name)
        for name in known
        if name in REQUIRED_FIELDS[entity] and name not in names
    )
    return issues


def split_list(cell: str) -> list[str]:
    parts = _UNESCAPED_SEMICOLON.split(cell)
    return [part.replace("\\;", ";").strip() for part in parts if part.strip()]


def join_list(values: list[str]) -> str:
    return ";".join(str(value).replace(";", "\\;") for value in values)


# ---------------------------------------------------------------------------
# Export: objects → records → bytes
# ---------------------------------------------------------------------------


def item_record(item) -> dict[str, Any]:
    """An inventory item in the import format (relations must be prefetched)."""
    return {
        "external_id": item.external_id,
        "title": item.title,
        "kind": item.kind,
        "status": item.status,
        "providers": sorted(o.slug for o in item.providers.all()),
        "delivery_mode": item.delivery_mode,
        "languages": list(item.languages or []),
        "target_countries": sorted(c.code for c in item.target_countries.all()),
        "target_regions": sorted(r.code for r in item.target_regions.all()),
        "sectors": sorted(s.slug for s in item.sectors.all()),
        "themes": sorted(t.slug for t in item.themes.all()),
        "audiences": sorted(a.slug for a in item.audiences.all()),
        "start_date": item.start_date.isoformat() if item.start_date else None,
        "end_date": item.end_date.isoformat() if item.end_date else None,
        "cohort_year": item.cohort_year,
        "certification": item.certification,
        "summary": item.summary,
        "description": item.description,
        "replication_notes": item.replication_notes,
        "replicable_components": list(item.replicable_components or []),
        "cost_notes": item.cost_notes,
        "contact": item.contact,
        "url": item.url,
    }


def recommendation_record(recommendation) -> dict[str, Any]:
    """A recommendation in the import format (relations must be prefetched)."""
    return {
        "external_id": recommendation.external_id,
        "meeting_year": recommendation.meeting.year,
        "meeting_host": recommendation.meeting.host,
        "roundtable": recommendation.roundtable,
        "title": recommendation.title,
        "text": recommendation.text,
        "themes": sorted(t.slug for t in recommendation.themes.all()),
        "follow_up_status": recommendation.follow_up_status,
        "inventory_items": sorted(i.external_id for i in recommendation.inventory_items.all()),
    }


def dump_json(records: list[dict[str, Any]]) -> bytes:
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def dump_csv(records: list[dict[str, Any]], fields: list[str]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([_cell(name, record.get(name)) for name in fields])
    return out.getvalue().encode("utf-8")


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in LIST_FIELDS:
        return join_list(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
