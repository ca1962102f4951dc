import io
import json

import pytest
from django.utils import translation

from inventory import demo as inventory_demo
from taxonomy import demo
from taxonomy.languages import LANGUAGE_CHOICES
from taxonomy.models import Audience, Sector, Theme

from .factories import InventoryItemFactory, TranslatedThemeFactory

pytestmark = pytest.mark.django_db


def test_taxonomy_data_names_every_theme_sector_and_audience_in_french_and_spanish():
    data = json.loads(demo.DATA.read_text(encoding="utf-8"))
    for key in ("themes", "sectors", "audiences"):
        for row in data[key]:
            assert row["translations"]["fr"], row["slug"]
            assert row["translations"]["es"], row["slug"]
            assert row["translations"]["fr"] != row["name"], row["slug"]


def test_seeding_the_taxonomy_stores_the_translated_names_once():
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert Theme.objects.filter(slug="labour-migration").count() == 1
    theme = Theme.objects.get(slug="labour-migration")
    with translation.override("fr"):
        assert theme.label == "Migration de main-d'œuvre"
    with translation.override("es"):
        assert theme.label == "Migración laboral"
    with translation.override("fr"):
        assert Audience.objects.get(slug="local-authority").label == (
            "Collectivités locales et régionales"
        )
    with translation.override("es"):
        assert Sector.objects.get(slug="health").label == "Salud"


def test_unknown_language_shows_the_english_name():
    theme = TranslatedThemeFactory()
    with translation.override("de"):
        assert theme.label == "Remittances"


@pytest.mark.parametrize(
    ("prefix", "expected"), [("", "Remittances"), ("/fr", "Envois de fonds"), ("/es", "Remesas")]
)
def test_inventory_facets_show_theme_names_in_the_readers_language(client, prefix, expected):
    InventoryItemFactory(themes=[TranslatedThemeFactory()])
    response = client.get(f"{prefix}/inventory/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_every_language_of_the_demo_inventory_has_a_name_in_french_and_spanish():
    """A language without a name shows as its bare ISO code in the inventory and
    search filters (``ml``, ``ta``), which no reader understands."""
    items = json.loads((inventory_demo.DATA / "inventory_items.json").read_text(encoding="utf-8"))
    codes = {code for item in items for code in item["languages"]}
    names = dict(LANGUAGE_CHOICES)
    assert sorted(codes - set(names)) == []
    for language, tamil in (("fr", "Tamoul"), ("es", "Tamil")):
        with translation.override(language):
            assert str(names["ta"]) == tamil
            assert all(str(names[code]) != code for code in codes)
