"""Importing inventory items and GFMD recommendations from CSV or JSON.

One service, ``inventory_import``, serves the ``import_inventory`` command, the editors'
upload form in the Wagtail admin and the demo seeder. It is all-or-nothing on purpose
(DESIGN: "Imports are atomic: a bad row is reported with its line number and nothing is
half-written"): the whole file is read and checked against the taxonomy first, every
problem is collected, and only a clean file is written — in one transaction.

Records are matched on their stable ``external_id``, so re-importing a file updates what
is there instead of duplicating it, and a record whose values have not changed is left
alone (no new revision). Every written record is published with a revision and a log
entry, so the admin history shows "published by the import" like any editor's change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import IO

from inventory import exchange
from inventory.exchange import FormatError

from .checking import _Checker
from .records import ImportRejected, ImportResult, Progress
from .writing import _write

__all__ = ["ImportRejected", "ImportResult", "inventory_import"]

logger = logging.getLogger(__name__)


def _no_progress(iterable: Iterable, total: int, desc: str) -> Iterable:
    return iterable


def inventory_import(
    *,
    fileobj: IO[bytes] | bytes,
    fmt: str | None = None,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a whole CSV/JSON file, then create or update its records in one transaction.

    ``fmt`` is ``"csv"`` or ``"json"``; when omitted it is read from the content (never
    from a file name). Raises ``ImportRejected`` listing every bad row and field, in which
    case nothing has been written.
    """
    data = fileobj if isinstance(fileobj, bytes) else fileobj.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        raw = exchange.parse(data, fmt)
    except FormatError as exc:
        raise ImportRejected(exc.issues) from exc
    progress = progress or _no_progress
    checker = _Checker(raw)
    clean = checker.check(progress)
    if checker.issues:
        logger.info("Import rejected: %d problem(s)", len(checker.issues))
        raise ImportRejected(checker.issues)
    result = _write(clean, user=user, progress=progress)
    logger.info("Import done: %s", result.summary())
    return result
