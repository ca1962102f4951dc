"""How a listing facets: one toolkit for every filtered list of the site.

The inventory and recommendations, the case studies and search (and next, events and
competencies) show the same three things, built here once:

- **facets** — each filter with its values, how many results each value would give, and
  which values are chosen (:func:`facet`);
- **filter chips** — one per chosen value, with a link that removes just that value and
  the page number (:func:`filter_chip`, :func:`form_chips`);
- **errors** — a bad filter named beside its field (:func:`form_errors`), and a service's
  ``ValidationError`` put on the form that caused it (:func:`apply_service_errors`).

How each listing counts is its own business (SQL, Elasticsearch aggregations); what it
shows and how a reader undoes a choice is decided here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

__all__ = [
    "Facet",
    "FacetOption",
    "FieldError",
    "FilterChip",
    "apply_service_errors",
    "facet",
    "filter_chip",
    "form_chips",
    "form_errors",
    "querystring",
    "valid_params",
]

PAGE = "page"


class FacetOption(NamedTuple):
    """One value of a facet. A tuple, so templates may also unpack it."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    errors: list[str] = field(default_factory=list)

    @property
    def selected(self) -> list[str]:
        return [option.value for option in self.options if option.selected]


@dataclass(frozen=True)
class FilterChip:
    field: str  # the filter, "Country"
    label: str  # the chosen value, "Philippines"
    remove: str  # the query string without this value and without the page number


@dataclass(frozen=True)
class FieldError:
    name: str
    label: str
    message: str


def facet(
    *,
    name: str,
    label: str,
    options: Iterable[tuple[str, str, int]],
    selected: Iterable[str] = (),
    errors: Iterable[str] = (),
) -> Facet:
    """A facet from ``(value, label, count)`` triples; ``selected`` are the chosen values."""
    chosen = {str(value) for value in selected}
    return Facet(
        name=name,
        label=label,
        options=[
            FacetOption(value, option_label, count, str(value) in chosen)
            for value, option_label, count in options
        ],
        errors=list(errors),
    )


def querystring(params: QueryDict, **changes: str | Sequence[str] | None) -> str:
    """``params`` as a query string with some parameters changed: ``None`` removes one, a
    list sets all its values, a string sets its one value."""
    data = params.copy()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, [value] if isinstance(value, str) else list(value))
    return data.urlencode()


def filter_chip(
    *,
    params: QueryDict,
    name: str,
    value: str,
    field: Any,
    label: Any,
    values: Sequence[str] | None = None,
) -> FilterChip:
    """The chip of one chosen value. Its link keeps every other parameter and the other
    values of the same filter (``values``, by default those in ``params``) and goes back
    to the first page."""
    current = params.getlist(name) if values is None else values
    remaining = [v for v in current if v != value]
    return FilterChip(
        field=str(field),
        label=str(label),
        remove=querystring(params, **{name: remaining, PAGE: None}),
    )


def form_chips(
    *, form: forms.Form, params: QueryDict, skip: Iterable[str] = ("sort",)
) -> list[FilterChip]:
    """A chip for each value given to a valid field of a filter form, labelled as the
    reader knows it: a choice's label, an object's ``label``, else the value typed."""
    skipped = set(skip)
    cleaned = getattr(form, "cleaned_data", {})
    return [
        filter_chip(
            params=params,
            name=name,
            value=value,
            field=form_field.label,
            label=_value_label(form_field, cleaned.get(name), value),
        )
        for name, form_field in form.fields.items()
        if name not in skipped and name not in form.errors
        for value in params.getlist(name)
        if value
    ]


def _value_label(form_field: forms.Field, cleaned: Any, value: str) -> str:
    if hasattr(form_field, "queryset"):
        objects = cleaned if isinstance(cleaned, Iterable) else [cleaned]
        key = form_field.to_field_name or "pk"
        for obj in objects:
            if obj is not None and str(getattr(obj, key, None)) == value:
                return str(getattr(obj, "label", obj))
        return value
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))


def valid_params(form: forms.Form) -> QueryDict:
    """The form's valid, non-empty values in field order: what the links of a listing
    carry (no page number, no stray parameters, no value the form refused)."""
    params = QueryDict(mutable=True)
    if not form.is_bound:
        return params
    for name in form.fields:
        value = form.data.get(name)
        if value and name not in form.errors:
            params.setlist(name, [value])
    return params


def form_errors(form: forms.Form) -> list[FieldError]:
    """Every error of a filter form, each with the label of its field, for the summary
    that links to the field."""
    return [
        FieldError(
            name=name,
            label=str(form.fields[name].label) if name in form.fields else name,
            message=message,
        )
        for name, messages in form.errors.items()
        for message in messages
    ]


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: on the field it names when the
    form has that field, on the form otherwise."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)
