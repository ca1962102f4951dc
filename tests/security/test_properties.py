"""Properties that must hold for *any* input, checked with Hypothesis: the Markdown
sanitiser never lets anything executable through, and the inventory import either
imports cleanly or reports per-row problems — it never raises anything else — and what
the export writes, the import reads back unchanged.

Examples are bounded (and the database ones kept few) so that the file runs in well
under a minute."""

import json
import string
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.markdown import clean_text, render_markdown, render_plain
from inventory import exchange
from inventory.exchange import FormatError
from inventory.models import InventoryItem
from inventory.services import ImportRejected, inventory_import
from tests.security.inert import BIDI_OVERRIDES, PAYLOADS, executable_markup

# Pieces that, glued together in any order, make the nastiest Markdown.
FRAGMENTS = [
    *PAYLOADS,
    "<",
    ">",
    '"',
    "'",
    "`",
    "(",
    ")",
    "[",
    "]",
    "![",
    "](",
    "javascript:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;avascript:",
    "data:",
    "vbscript:",
    " onerror=",
    " onload=",
    "<a href=",
    "<img src=",
    "<script",
    "</script>",
    "<style>",
    "<svg",
    "<math",
    "<!--",
    "-->",
    "<![CDATA[",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "* ",
    "```",
    "\x00",
    *BIDI_OVERRIDES,
]
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=10), max_size=25).map("".join),
)

FAST = settings(max_examples=100, deadline=None)


@FAST
@given(hostile_text)
def test_rendered_markdown_never_carries_scripts_handlers_or_dangerous_urls(text):
    html = str(render_markdown(text))
    assert executable_markup(html) == []
    assert "<script" not in html.lower()


@FAST
@given(hostile_text)
def test_clean_text_is_idempotent_and_leaves_no_bidi_controls_or_nul(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert not any(char in once for char in BIDI_OVERRIDES)
    assert "\x00" not in once


@FAST
@given(hostile_text)
def test_plain_rendering_has_no_markup_left(text):
    plain = render_plain(text)
    assert "<script" not in plain.lower()
    assert executable_markup(plain) == []


# --- inventory import parsers ------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(exchange.ITEM_FIELDS) | st.text(max_size=8), children, max_size=6
        )
    ),
    max_leaves=20,
)


@FAST
@given(st.binary(max_size=400))
def test_parser_reads_any_bytes_or_reports_a_format_error(data):
    try:
        records = exchange.parse(data)
    except FormatError as exc:
        issues = exc.issues
        records = []
    else:
        issues = ["none"]
    assert isinstance(records, list)
    assert issues


DB = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _import_outcome(data: bytes) -> str:
    try:
        inventory_import(fileobj=data)
    except ImportRejected as exc:
        issues = exc.issues
    else:
        return "imported"
    assert issues
    assert all(str(issue) for issue in issues)
    return "rejected"


@pytest.mark.django_db
@DB
@given(json_values)
def test_import_of_any_json_is_clean_or_a_list_of_problems(value):
    _import_outcome(json.dumps(value).encode())


cells = st.text(alphabet=string.printable + "éü;\\,\"'\u202e", max_size=30)


@pytest.mark.django_db
@DB
@given(
    st.lists(st.sampled_from(exchange.ITEM_FIELDS), min_size=1, max_size=8, unique=True),
    st.lists(st.lists(cells, min_size=8, max_size=8), max_size=4),
)
def test_import_of_any_csv_is_clean_or_a_list_of_problems(header, rows):
    records = [dict(zip(header, row, strict=False)) for row in rows]
    _import_outcome(exchange.dump_csv(records, header))


words = st.text(alphabet=string.ascii_letters + string.digits + " éñ.,;-'", max_size=60)
items = st.fixed_dictionaries(
    {
        "title": words.map(str.strip).filter(bool),
        "kind": st.sampled_from(InventoryItem.Kind.values),
        "status": st.sampled_from(InventoryItem.Status.values),
        "delivery_mode": st.sampled_from(InventoryItem.DeliveryMode.values),
        "languages": st.lists(st.sampled_from(["en", "fr", "es"]), unique=True, max_size=3),
        "cohort_year": st.none() | st.integers(min_value=1990, max_value=2060),
        "certification": st.booleans(),
        "summary": words,
        "replicable_components": st.lists(words.map(str.strip).filter(bool), max_size=3),
        "cost_notes": words,
    }
)


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(items, min_size=1, max_size=3), st.sampled_from(["csv", "json"]))
def test_export_then_import_gives_back_the_same_inventory(records, fmt):
    prefix = f"prop-{uuid.uuid4().hex[:8]}"
    for n, record in enumerate(records):
        record["external_id"] = f"{prefix}-{n}"
    inventory_import(fileobj=exchange.dump_json(records))
    exported = [
        exchange.item_record(item)
        for item in InventoryItem.objects.filter(external_id__startswith=prefix)
        .prefetch_related(
            "providers", "target_countries", "target_regions", "sectors", "themes", "audiences"
        )
        .order_by("external_id")
    ]
    data = (
        exchange.dump_csv(exported, exchange.ITEM_FIELDS)
        if fmt == "csv"
        else exchange.dump_json(exported)
    )
    result = inventory_import(fileobj=data)
    assert result.unchanged["items"] == len(records)
    assert result.created["items"] == result.updated["items"] == 0
