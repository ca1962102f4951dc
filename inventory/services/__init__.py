"""Writes to the inventory: every change that spans models or has side effects."""

from .imports import ImportRejected, ImportResult, inventory_import

__all__ = ["ImportRejected", "ImportResult", "inventory_import"]
