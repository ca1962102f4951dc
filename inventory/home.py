"""The inventory and the GFMD recommendations on the home page: the latest published."""

from __future__ import annotations

from typing import Any

from core.home import HomeBlock, register

from .models import InventoryItem, Recommendation

LATEST = 4


def inventory_block(*, home) -> dict[str, Any]:
    """The latest published inventory items in the reader's language, and how many
    there are (two queries)."""
    items = InventoryItem.objects.published().in_language()
    return {
        "items": list(items.order_by("-updated_at", "-pk")[:LATEST]),
        "item_count": items.count(),
    }


def recommendations_block(*, home) -> dict[str, Any]:
    recommendations = Recommendation.objects.published().in_language().select_related("meeting")
    return {"recommendations": list(recommendations.order_by("-updated_at", "-pk")[:LATEST])}


register(
    HomeBlock("inventory", "inventory/includes/home_inventory.html", inventory_block, order=20)
)
register(
    HomeBlock(
        "recommendations",
        "inventory/includes/home_recommendations.html",
        recommendations_block,
        order=50,
    )
)
