"""Checking: every raw record against the model's rules and the taxonomy, every problem
collected with its line, before anything is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import gettext as _

from core.markdown import clean_text
from inventory import exchange
from inventory.exchange import Issue, RawRecord
from inventory.models import InventoryItem, Recommendation
from taxonomy.models import Audience, Country, Organisation, Region, Sector, Theme

from .records import (
    FALSE_WORDS,
    ISO_DATE_RE,
    ITEM_RELATIONS,
    LANGUAGE_CODE_RE,
    RELATION_NOUNS,
    TRUE_WORDS,
    CleanRecord,
    Progress,
)


class _Checker:
    """Checks raw records against the model's rules and the taxonomy, collecting issues."""

    def __init__(self, raw: list[RawRecord]):
        self.raw = raw
        self.issues: list[Issue] = []
        self.lookups = {
            "countries": {c.code: c for c in Country.objects.all()},
            "regions": {r.code: r for r in Region.objects.all()},
            "sectors": {s.slug: s for s in Sector.objects.all()},
            "themes": {t.slug: t for t in Theme.objects.all()},
            "audiences": {a.slug: a for a in Audience.objects.all()},
            "organisations": {o.slug: o for o in Organisation.objects.all()},
        }
        self.file_item_ids = {
            str(r.data.get("external_id", "")).strip() for r in raw if r.entity == "items"
        }

    def problem(self, where: str, field_name: str | None, message: str) -> None:
        self.issues.append(Issue(where, message, field_name))

    def check(self, progress: Progress) -> list[CleanRecord]:
        clean: list[CleanRecord] = []
        seen: dict[tuple[str, str], str] = {}
        meeting_hosts: dict[int, tuple[str, str]] = {}
        rec_refs: set[str] = set()
        for raw in progress(self.raw, len(self.raw), _("Checking")):
            external_id = str(raw.data.get("external_id") or "").strip()
            key = (raw.entity, external_id)
            duplicate = bool(external_id) and key in seen
            if duplicate:
                self.problem(
                    raw.where,
                    "external_id",
                    _("“%(id)s” appears twice in the file (first at %(first)s)")
                    % {"id": external_id, "first": seen[key]},
                )
            elif external_id:
                seen[key] = raw.where
            record = self.check_record(raw)
            if record is None or duplicate:
                continue
            if record.entity == "recommendations":
                year, host = record.values.get("meeting_year"), record.values.get("meeting_host")
                if year is not None and host:
                    first = meeting_hosts.setdefault(year, (host, raw.where))
                    if first[0] != host:
                        self.problem(
                            raw.where,
                            "meeting_host",
                            _("GFMD %(year)d is hosted by “%(host)s” at %(first)s")
                            % {"year": year, "host": first[0], "first": first[1]},
                        )
                rec_refs.update(record.record.get("inventory_items", []))
            clean.append(record)
        self._check_item_references(clean, rec_refs)
        return clean

    def _check_item_references(self, clean: list[CleanRecord], refs: set[str]) -> None:
        """Recommendations may point at items in the database or in the same file."""
        outside = refs - self.file_item_ids
        known = set(
            InventoryItem.objects.originals()
            .filter(external_id__in=outside)
            .values_list("external_id", flat=True)
        )
        for record in clean:
            if record.entity != "recommendations":
                continue
            for ref in record.record.get("inventory_items", []):
                if ref not in self.file_item_ids and ref not in known:
                    self.problem(
                        record.where,
                        "inventory_items",
                        _("unknown inventory item “%(id)s”") % {"id": ref},
                    )

    def check_record(self, raw: RawRecord) -> CleanRecord | None:
        before = len(self.issues)
        data = raw.data
        self.issues.extend(exchange.header_issues(raw.entity, list(data), raw.where))
        if len(self.issues) > before:
            return None
        if raw.entity == "items":
            values, relations, record = self._item_values(raw)
        else:
            values, relations, record = self._recommendation_values(raw)
        if len(self.issues) > before:
            return None
        return CleanRecord(raw.entity, raw.where, values["external_id"], values, relations, record)

    # -- field checks: each returns the clean value or reports a problem ------------

    def _run(self, raw: RawRecord, name: str, check: Callable[[Any], Any], out: dict) -> None:
        if name not in raw.data:
            return
        try:
            out[name] = check(raw.data[name])
        except ValidationError as exc:
            for message in exc.messages:
                self.problem(raw.where, name, message)

    def _common(self, raw: RawRecord, values: dict) -> None:
        self._run(raw, "external_id", _external_id, values)
        self._run(raw, "title", _text(255, required=True), values)

    def _relations(self, raw: RawRecord, names: dict[str, str], relations: dict) -> None:
        for name, lookup in names.items():
            self._run(raw, name, self._references(lookup), relations)

    def _references(self, lookup: str) -> Callable[[Any], list]:
        table = self.lookups[lookup]
        noun = RELATION_NOUNS[lookup]

        def check(value: Any) -> list:
            keys = _string_list(value)
            if lookup == "countries":
                keys = [key.upper() for key in keys]
            elif lookup == "regions":
                keys = [key.zfill(3) if key.isdigit() else key for key in keys]
            unknown = [key for key in keys if key not in table]
            if unknown:
                raise ValidationError(
                    [
                        _("unknown %(noun)s “%(key)s”") % {"noun": noun, "key": key}
                        for key in unknown
                    ]
                )
            return [table[key] for key in dict.fromkeys(keys)]

        return check

    def _item_values(self, raw: RawRecord) -> tuple[dict, dict, dict]:
        values: dict[str, Any] = {}
        relations: dict[str, list] = {}
        self._common(raw, values)
        self._run(raw, "kind", _choice(InventoryItem.Kind, required=True), values)
        self._run(raw, "status", _choice(InventoryItem.Status, default="existing"), values)
        self._run(raw, "delivery_mode", _choice(InventoryItem.DeliveryMode), values)
        self._run(raw, "languages", _languages, values)
        self._run(raw, "start_date", _date, values)
        self._run(raw, "end_date", _date, values)
        self._run(raw, "cohort_year", _year(1900, 2100), values)
        self._run(raw, "certification", _boolean, values)
        self._run(raw, "summary", _text(500), values)
        self._run(raw, "description", _text(), values)
        self._run(raw, "replication_notes", _text(), values)
        self._run(raw, "replicable_components", _string_list, values)
        self._run(raw, "cost_notes", _text(), values)
        self._run(raw, "contact", _text(255), values)
        self._run(raw, "url", _url, values)
        self._relations(raw, ITEM_RELATIONS, relations)
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            self.problem(raw.where, "end_date", _("the end date is before the start date"))
        record = {**values}
        for name in ("start_date", "end_date"):
            if name in record:
                record[name] = record[name].isoformat() if record[name] else None
        for name, objs in relations.items():
            attr = {"target_countries": "code", "target_regions": "code"}.get(name, "slug")
            record[name] = sorted(getattr(obj, attr) for obj in objs)
        return values, relations, record

    def _recommendation_values(self, raw: RawRecord) -> tuple[dict, dict, dict]:
        values: dict[str, Any] = {}
        relations: dict[str, list] = {}
        self._common(raw, values)
        self._run(raw, "meeting_year", _year(1990, 2100, required=True), values)
        self._run(raw, "meeting_host", _text(120, required=True), values)
        self._run(raw, "roundtable", _text(255), values)
        self._run(raw, "text", _text(required=True), values)
        self._run(
            raw,
            "follow_up_status",
            _choice(Recommendation.FollowUp, default="not_started"),
            values,
        )
        self._relations(raw, {"themes": "themes"}, relations)
        refs: dict[str, Any] = {}
        self._run(raw, "inventory_items", _string_list, refs)
        record = {**values}
        if "themes" in relations:
            record["themes"] = sorted(t.slug for t in relations["themes"])
        if "inventory_items" in refs:
            record["inventory_items"] = sorted(set(refs["inventory_items"]))
        return values, relations, record


def _external_id(value: Any) -> str:
    value = str(value if value is not None else "").strip()
    if not value:
        raise ValidationError(_("a stable id is required"))
    if len(value) > 100:
        raise ValidationError(_("at most 100 characters"))
    validate_slug(value)
    return value


def _text(max_length: int | None = None, *, required: bool = False) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(_("expected text"))
        value = clean_text(value).strip()
        if required and not value:
            raise ValidationError(_("this field is required"))
        if max_length and len(value) > max_length:
            raise ValidationError(
                _("at most %(max)d characters (this has %(n)d)")
                % {"max": max_length, "n": len(value)}
            )
        return value

    return check


def _choice(choices, *, required: bool = False, default: str = "") -> Callable[[Any], str]:
    def check(value: Any) -> str:
        value = str(value if value is not None else "").strip()
        if not value:
            if required:
                raise ValidationError(_("this field is required"))
            return default
        if value not in choices.values:
            raise ValidationError(
                _("unknown value “%(value)s”; expected one of %(choices)s")
                % {"value": value, "choices": ", ".join(choices.values)}
            )
        return value

    return check


def _string_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = exchange.split_list(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("expected a list of text values"))
    return [clean_text(v).strip() for v in value if clean_text(v).strip()]


def _languages(value: Any) -> list[str]:
    codes = [code.lower() for code in _string_list(value)]
    bad = [code for code in codes if not LANGUAGE_CODE_RE.match(code)]
    if bad:
        raise ValidationError(
            [_("“%(code)s” is not an ISO 639 language code") % {"code": code} for code in bad]
        )
    return list(dict.fromkeys(codes))


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if not ISO_DATE_RE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date in the form YYYY-MM-DD") % {"value": value}
        ) from None


def _year(low: int, high: int, *, required: bool = False) -> Callable[[Any], int | None]:
    def check(value: Any) -> int | None:
        if value in (None, ""):
            if required:
                raise ValidationError(_("this field is required"))
            return None
        if isinstance(value, bool):
            raise ValidationError(_("expected a year"))
        try:
            year = int(str(value).strip())
        except ValueError:
            raise ValidationError(_("“%(value)s” is not a year") % {"value": value}) from None
        if not low <= year <= high:
            raise ValidationError(
                _("%(year)d is outside %(low)d–%(high)d") % {"year": year, "low": low, "high": high}
            )
        return year

    return check


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("“%(value)s” is not true or false") % {"value": value})


def _url(value: Any) -> str:
    value = _text(500)(value)
    if value:
        URLValidator(schemes=["http", "https"])(value)
    return value
