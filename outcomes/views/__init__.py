"""Thin views over ``outcomes.services`` and ``outcomes.selectors``."""
