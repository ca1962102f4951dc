"""The demo inventory carries French and Spanish versions of some items."""

import io

import pytest
from django.core.management import call_command

from inventory.models import InventoryItem

pytestmark = pytest.mark.django_db


def test_seed_demo_translates_inventory_items_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    count = InventoryItem.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert InventoryItem.objects.count() == count
    for language in ("fr", "es"):
        assert InventoryItem.objects.filter(locale__language_code=language, live=True).count() >= 5
    html = client.get("/fr/inventory/inv-emm2/").content.decode()
    assert "Fondamentaux de la gestion des migrations 2.0 (EMM2.0)" in html
    html = client.get("/es/inventory/inv-emm2/").content.decode()
    assert "Fundamentos de la Gestión de la Migración 2.0 (EMM2.0)" in html
