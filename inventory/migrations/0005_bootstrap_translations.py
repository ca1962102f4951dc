"""Existing inventory items and recommendations are the originals, in the default
language: each gets the default locale and its own translation key (Wagtail's recipe
for making an existing model translatable, step 2 of 3)."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0004_translatable_fields"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [
        BootstrapTranslatableModel("inventory.InventoryItem"),
        BootstrapTranslatableModel("inventory.Recommendation"),
    ]
