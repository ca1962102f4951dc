"""``core.listings``: facets, filter chips and errors, the same for every listing."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from core.listings import (
    FacetOption,
    FieldError,
    FilterChip,
    apply_service_errors,
    facet,
    filter_chip,
    form_chips,
    form_errors,
    querystring,
    valid_params,
)
from taxonomy.models import Country


class ListingForm(forms.Form):
    country = forms.ModelChoiceField(
        Country.objects.all(), to_field_name="code", required=False, label="Country"
    )
    kind = forms.MultipleChoiceField(
        choices=[("course", "Course"), ("tool", "Tool")], required=False, label="Kind"
    )
    year = forms.IntegerField(required=False, label="Year")
    sort = forms.ChoiceField(choices=[("title", "Title")], required=False, label="Sort")


def test_facet_marks_the_chosen_values_and_keeps_the_order_given():
    built = facet(
        name="kind",
        label="Kind",
        options=[("tool", "Tool", 2), ("course", "Course", 1)],
        selected=["course"],
    )
    assert built.options == [
        FacetOption("tool", "Tool", 2, False),
        FacetOption("course", "Course", 1, True),
    ]
    assert built.selected == ["course"]
    assert built.errors == []


def test_facet_options_unpack_as_value_label_count_selected():
    value, label, count, selected = facet(name="k", label="K", options=[("a", "A", 3)]).options[0]
    assert (value, label, count, selected) == ("a", "A", 3, False)


def test_querystring_removes_sets_and_replaces_parameters():
    params = QueryDict("q=x&kind=a&kind=b&page=3")
    assert querystring(params, page=None) == "q=x&kind=a&kind=b"
    assert querystring(params, kind=["b"], q="y") == "q=y&kind=b&page=3"
    assert querystring(params, kind=[]) == "q=x&page=3"
    assert params.urlencode() == "q=x&kind=a&kind=b&page=3"


def test_filter_chip_removes_one_value_and_the_page_number():
    chip = filter_chip(
        params=QueryDict("kind=a&kind=b&q=x&page=2"),
        name="kind",
        value="a",
        field="Kind",
        label="A",
    )
    assert chip == FilterChip(field="Kind", label="A", remove="kind=b&q=x")


def test_filter_chip_keeps_only_the_values_it_is_told_are_in_force():
    chip = filter_chip(
        params=QueryDict("country=SN&country=ZZ"),
        name="country",
        value="SN",
        field="Country",
        label="Senegal",
        values=["SN"],
    )
    assert chip.remove == ""


@pytest.mark.django_db
def test_form_chips_label_objects_choices_and_typed_values_and_skip_sort():
    params = QueryDict("country=PH&kind=course&kind=tool&year=2020&sort=title&page=4")
    form = ListingForm(params)
    assert form.is_valid()
    assert form_chips(form=form, params=params) == [
        FilterChip("Country", "Philippines", "kind=course&kind=tool&year=2020&sort=title"),
        FilterChip("Kind", "Course", "country=PH&kind=tool&year=2020&sort=title"),
        FilterChip("Kind", "Tool", "country=PH&kind=course&year=2020&sort=title"),
        FilterChip("Year", "2020", "country=PH&kind=course&kind=tool&sort=title"),
    ]


@pytest.mark.django_db
def test_form_chips_leave_out_fields_with_errors():
    params = QueryDict("country=XX&year=2020")
    form = ListingForm(params)
    form.is_valid()
    assert [chip.field for chip in form_chips(form=form, params=params)] == ["Year"]


@pytest.mark.django_db
def test_valid_params_keep_good_values_in_field_order_and_drop_the_rest():
    form = ListingForm(QueryDict("year=abc&sort=title&country=PH&page=2&utm=x"))
    form.is_valid()
    assert valid_params(form).urlencode() == "country=PH&sort=title"
    assert valid_params(ListingForm()).urlencode() == ""


@pytest.mark.django_db
def test_form_errors_name_each_field_by_its_label():
    form = ListingForm(QueryDict("year=abc"))
    form.is_valid()
    assert form_errors(form) == [FieldError("year", "Year", "Enter a whole number.")]


def test_service_errors_go_on_the_named_field_or_on_the_form():
    form = ListingForm({})
    form.is_valid()
    apply_service_errors(
        form, ValidationError({"year": "Too early.", "elsewhere": "Not a field here."})
    )
    apply_service_errors(form, ValidationError("Closed for now."))
    assert form.errors["year"] == ["Too early."]
    assert form.non_field_errors() == ["Not a field here.", "Closed for now."]
