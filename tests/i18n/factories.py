"""Taxonomy terms with their French and Spanish names, as editors and the seeder give
them."""

from tests.inventory.factories import InventoryItemFactory, ThemeFactory

__all__ = ["InventoryItemFactory", "TranslatedThemeFactory"]


class TranslatedThemeFactory(ThemeFactory):
    slug = "remittances"
    name = "Remittances"
    translations = {"fr": "Envois de fonds", "es": "Remesas"}  # noqa: RUF012
