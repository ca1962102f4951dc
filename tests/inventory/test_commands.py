"""``manage.py import_inventory`` and the demo seeder that uses the same service."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inventory.models import GFMDMeeting, InventoryItem, Recommendation

from .factories import ThemeFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, name, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_import_command_imports_a_csv_file_and_reports_counts(tmp_path):
    ThemeFactory(slug="remittances")
    path = write(
        tmp_path,
        "items.csv",
        b"external_id,title,kind,themes,target_countries\n"
        b"inv-a,A,tool,remittances,PH\ninv-b,B,handbook,,\n",
    )
    out = StringIO()
    call_command("import_inventory", str(path), stdout=out, stderr=StringIO())
    assert "Inventory items: 2 created, 0 updated, 0 unchanged." in out.getvalue()
    assert InventoryItem.objects.count() == 2


def test_import_command_exits_non_zero_listing_every_problem_and_writes_nothing(tmp_path):
    good = write(
        tmp_path,
        "good.json",
        json.dumps([{"external_id": "ok", "title": "Ok", "kind": "tool"}]).encode(),
    )
    bad = write(
        tmp_path,
        "bad.json",
        json.dumps(
            [
                {"external_id": "x", "title": "X", "kind": "tool", "target_countries": ["QQ"]},
                {"external_id": "x", "title": "X again", "kind": "tool"},
            ]
        ).encode(),
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_inventory", str(good), str(bad), stdout=StringIO(), stderr=err)
    assert "record 1, field “target_countries”: unknown country code “QQ”" in err.getvalue()
    assert "record 2, field “external_id”: “x” appears twice" in err.getvalue()
    assert not InventoryItem.objects.exists(), "the good first file is rolled back too"


def test_import_command_reports_an_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_inventory", str(tmp_path / "missing.csv"), stdout=StringIO())


def test_seed_demo_loads_the_inventory_once_however_often_it_runs():
    call_command("seed_demo", stdout=StringIO())
    counts = (
        InventoryItem.objects.count(),
        Recommendation.objects.count(),
        GFMDMeeting.objects.count(),
    )
    assert counts[0] >= 40
    assert counts[1] >= 25
    call_command("seed_demo", stdout=StringIO())
    assert (
        InventoryItem.objects.count(),
        Recommendation.objects.count(),
        GFMDMeeting.objects.count(),
    ) == counts
    assert InventoryItem.objects.published().count() == counts[0]
    lma = InventoryItem.objects.originals().get(external_id="inv-lma-2024")
    assert lma.target_regions.get().code == "001"
