"""The import service: all-or-nothing, idempotent, with errors that name row and field."""

import json

import pytest
from wagtail.models import Revision

from inventory.models import GFMDMeeting, InventoryItem, Recommendation
from inventory.services import ImportRejected, inventory_import
from taxonomy.models import Region

from .factories import (
    AudienceFactory,
    InventoryItemFactory,
    OrganisationFactory,
    SectorFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CSV_HEADER = (
    "external_id,title,kind,status,target_countries,target_regions,themes,languages,"
    "start_date,certification,replicable_components"
)


@pytest.fixture
def taxonomy(db):
    return {
        "theme": ThemeFactory(slug="labour-migration", name="Labour migration"),
        "sector": SectorFactory(slug="health", name="Health"),
        "audience": AudienceFactory(slug="local-authority", name="Local authority"),
        "provider": OrganisationFactory(slug="iom", name="IOM"),
    }


def item_record(**overrides):
    record = {
        "external_id": "inv-pdo",
        "title": "Pre-departure orientation for seafarers",
        "kind": "training_activity",
        "status": "existing",
        "providers": ["iom"],
        "delivery_mode": "face_to_face",
        "languages": ["en", "tl"],
        "target_countries": ["PH"],
        "target_regions": ["035"],
        "sectors": ["health"],
        "themes": ["labour-migration"],
        "audiences": ["local-authority"],
        "start_date": "2025-02-01",
        "end_date": "2025-03-31",
        "cohort_year": 2025,
        "certification": True,
        "summary": "A week-long orientation.",
        "description": "Longer text.",
        "replication_notes": "Any maritime training centre can run it.",
        "replicable_components": ["module on contracts", "rights; and duties"],
        "cost_notes": "Low.",
        "contact": "Training unit",
        "url": "https://example.org/pdo",
    }
    record.update(overrides)
    return record


def as_json(records) -> bytes:
    return json.dumps(records).encode()


def test_import_json_creates_a_published_item_with_every_field_and_relation(taxonomy):
    result = inventory_import(fileobj=as_json([item_record()]))
    assert result.created["items"] == 1
    item = InventoryItem.objects.get(external_id="inv-pdo")
    assert item.live
    assert [c.code for c in item.target_countries.all()] == ["PH"]
    assert [r.code for r in item.target_regions.all()] == ["035"]
    assert [t.slug for t in item.themes.all()] == ["labour-migration"]
    assert [p.slug for p in item.providers.all()] == ["iom"]
    assert item.languages == ["en", "tl"]
    assert item.start_date.isoformat() == "2025-02-01"
    assert item.certification is True
    assert item.replicable_components == ["module on contracts", "rights; and duties"]
    assert item.live_revision_id == item.latest_revision_id is not None


def test_reimporting_updates_instead_of_duplicating_and_leaves_unchanged_rows_alone(taxonomy):
    inventory_import(
        fileobj=as_json([item_record(), item_record(external_id="inv-2", title="Two")])
    )
    revisions = Revision.objects.count()
    result = inventory_import(
        fileobj=as_json(
            [item_record(title="Renamed"), item_record(external_id="inv-2", title="Two")]
        )
    )
    assert (result.created["items"], result.updated["items"], result.unchanged["items"]) == (
        0,
        1,
        1,
    )
    assert InventoryItem.objects.count() == 2
    assert InventoryItem.objects.get(external_id="inv-pdo").title == "Renamed"
    assert Revision.objects.count() == revisions + 1


def test_import_csv_reads_list_fields_joined_with_semicolons(taxonomy):
    data = (
        CSV_HEADER
        + "\ninv-csv,CSV item,course,planned,PH;NP,,labour-migration,en;fr,2026-01-15,yes,"
        + '"one;two\\;three"\n'
    ).encode()
    result = inventory_import(fileobj=data)
    assert result.created["items"] == 1
    item = InventoryItem.objects.get(external_id="inv-csv")
    assert sorted(c.code for c in item.target_countries.all()) == ["NP", "PH"]
    assert item.languages == ["en", "fr"]
    assert item.certification is True
    assert item.replicable_components == ["one", "two;three"]
    assert item.status == "planned"


def test_import_recommendations_creates_meetings_and_links_items_from_the_same_file(taxonomy):
    payload = {
        "inventory_items": [item_record()],
        "recommendations": [
            {
                "external_id": "gfmd-2019-skills",
                "meeting_year": 2019,
                "meeting_host": "Ecuador (Quito)",
                "roundtable": "RT 1",
                "title": "Recognise skills",
                "text": "States should recognise skills.",
                "themes": ["labour-migration"],
                "follow_up_status": "implemented",
                "inventory_items": ["inv-pdo"],
            }
        ],
    }
    result = inventory_import(fileobj=json.dumps(payload).encode())
    assert result.created == {"items": 1, "recommendations": 1}
    rec = Recommendation.objects.get(external_id="gfmd-2019-skills")
    assert rec.meeting == GFMDMeeting.objects.get(year=2019, host="Ecuador (Quito)")
    assert [i.external_id for i in rec.inventory_items.all()] == ["inv-pdo"]
    assert rec.live


def test_region_codes_that_lost_their_leading_zeros_in_a_spreadsheet_are_accepted(taxonomy):
    inventory_import(fileobj=as_json([item_record(target_regions=["35", "1"])]))
    item = InventoryItem.objects.get(external_id="inv-pdo")
    assert sorted(r.code for r in item.target_regions.all()) == ["001", "035"]


def rejected(data: bytes, **kwargs) -> list[str]:
    before = (
        InventoryItem.objects.count(),
        Recommendation.objects.count(),
        Revision.objects.count(),
    )
    with pytest.raises(ImportRejected) as excinfo:
        inventory_import(fileobj=data, **kwargs)
    after = (
        InventoryItem.objects.count(),
        Recommendation.objects.count(),
        Revision.objects.count(),
    )
    assert after == before, "a rejected import must write nothing"
    return [str(issue) for issue in excinfo.value.issues]


def test_unknown_column_is_rejected_naming_it(taxonomy):
    data = (CSV_HEADER + ",colour\ninv-a,A,course,existing,PH,,,,,,,blue\n").encode()
    issues = rejected(data)
    assert len(issues) == 1
    assert issues[0].startswith("line 1, field “colour”: unknown field")


def test_unknown_json_key_is_rejected_naming_record_and_key(taxonomy):
    issues = rejected(as_json([item_record(colour="blue")]))
    assert issues == [issue for issue in issues if "record 1" in issue and "“colour”" in issue]
    assert len(issues) == 1


def test_bad_country_code_is_rejected_with_its_row_and_nothing_is_written(taxonomy):
    good = item_record(external_id="inv-good")
    bad = item_record(external_id="inv-bad", target_countries=["PH", "XX"])
    issues = rejected(as_json([good, bad]))
    assert issues == ["record 2, field “target_countries”: unknown country code “XX”"]


def test_bad_region_and_taxonomy_slugs_are_each_reported(taxonomy):
    issues = rejected(
        as_json([item_record(target_regions=["999"], themes=["nope"], providers=["acme"])])
    )
    assert sorted(issues) == [
        "record 1, field “providers”: unknown organisation “acme”",
        "record 1, field “target_regions”: unknown M49 region code “999”",
        "record 1, field “themes”: unknown theme “nope”",
    ]


def test_malformed_dates_are_rejected_with_line_numbers_in_csv(taxonomy):
    data = (
        CSV_HEADER
        + "\ninv-a,A,course,existing,PH,,,en,2025-01-01,no,"
        + "\ninv-b,B,course,existing,PH,,,en,01/02/2025,no,\n"
    ).encode()
    issues = rejected(data)
    assert issues == [
        "line 3, field “start_date”: “01/02/2025” is not a date in the form YYYY-MM-DD"
    ]


def test_duplicate_ids_inside_the_file_are_rejected(taxonomy):
    issues = rejected(as_json([item_record(), item_record(title="Again")]))
    assert issues == [
        "record 2, field “external_id”: “inv-pdo” appears twice in the file (first at record 1)"
    ]


def test_wrong_encoding_is_rejected_with_the_line(taxonomy):
    data = (CSV_HEADER + "\ninv-a,Formación,course,existing,ES,,,,,,\n").encode("latin-1")
    issues = rejected(data)
    assert len(issues) == 1
    assert issues[0].startswith("line 2: the file is not UTF-8 text")


def test_malformed_json_is_rejected_with_line_and_column(taxonomy):
    issues = rejected(b'[{"external_id": "a",,}]')
    assert issues[0].startswith("line 1, column 22: not valid JSON")


def test_bad_values_in_several_fields_are_all_reported_at_once(taxonomy):
    issues = rejected(
        as_json(
            [
                item_record(
                    kind="seminar", certification="perhaps", url="ftp://x", end_date="2024-01-01"
                )
            ]
        )
    )
    fields = sorted(issue.split("field “")[1].split("”")[0] for issue in issues)
    assert fields == ["certification", "end_date", "kind", "url"]


def test_recommendation_pointing_at_an_unknown_item_is_rejected(taxonomy):
    record = {
        "external_id": "gfmd-x",
        "meeting_year": 2010,
        "meeting_host": "Mexico",
        "title": "T",
        "text": "Text",
        "inventory_items": ["inv-missing"],
    }
    issues = rejected(as_json([record]))
    assert issues == ["record 1, field “inventory_items”: unknown inventory item “inv-missing”"]
    assert not GFMDMeeting.objects.filter(year=2010).exists()


def test_a_bad_row_leaves_existing_items_untouched(taxonomy):
    InventoryItemFactory(external_id="inv-pdo", title="Original")
    rejected(
        as_json(
            [item_record(title="Changed"), item_record(external_id="x", start_date="2025-02-30")]
        )
    )
    assert InventoryItem.objects.get(external_id="inv-pdo").title == "Original"


def test_missing_required_column_is_rejected(taxonomy):
    issues = rejected(b"external_id,title\ninv-a,A\n")
    assert issues == ["line 1, field “kind”: required field is missing"]


def test_world_region_exists_for_global_items():
    assert Region.objects.get(code="001").name == "World"
