"""The home page's blocks: what each app shows on the front door.

``core`` knows no domain app, so each app declares its blocks here from its ``home.py``
(autodiscovered by ``CoreConfig.ready``), as it declares its header sections in
``navigation.py``. A *public* block sees only what an anonymous visitor may see, whoever
is signed in — the front door is the same for everyone, and cacheable; a *personal* block
is built for the signed-in member (their groups, follows, follow-ups…). Each block's
``build`` keeps to a fixed number of queries (the home page's budget is tested).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PUBLIC = "public"
PERSONAL = "personal"


@dataclass(frozen=True)
class HomeBlock:
    key: str
    template: str
    build: Callable[..., dict[str, Any]]
    kind: str = PUBLIC
    order: int = 100


_BLOCKS: dict[str, HomeBlock] = {}


def register(block: HomeBlock) -> None:
    _BLOCKS[block.key] = block


def _ordered(kind: str) -> list[HomeBlock]:
    return sorted((b for b in _BLOCKS.values() if b.kind == kind), key=lambda b: (b.order, b.key))


def public_blocks(*, home) -> list[dict[str, Any]]:
    """Each public block's template and data (``build(home=…)``)."""
    return [{"key": b.key, "template": b.template, **b.build(home=home)} for b in _ordered(PUBLIC)]


def personal_blocks(*, viewer) -> list[dict[str, Any]]:
    """Each personal block's template and data for a signed-in member."""
    return [
        {"key": b.key, "template": b.template, **b.build(viewer=viewer)} for b in _ordered(PERSONAL)
    ]
