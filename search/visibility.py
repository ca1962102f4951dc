"""Search's one seam to the visibility rule.

``community.selectors.visibility`` decides who may see what; search asks it here, once
per viewer, and turns the answer — the ids of the groups whose content the viewer may
see besides public ones, or ``None`` for everything (staff) — into the filter each
engine needs: an Elasticsearch clause, a database ``Q`` and a check for one document
(Related's editor-chosen links). No other module of ``search`` imports ``community``
(an import-linter contract in ``pyproject.toml`` checks it), so a change to the rule
is one edit there, and search's copies of it are these three functions.
"""

from __future__ import annotations

from django.db.models import Q as DbQ
from elasticsearch.dsl import Q as EsQ

from community.selectors.visibility import content_visible_group_ids

Visible = set[int] | None


def visible_group_ids(viewer) -> Visible:
    """What ``viewer`` may see: private groups' ids besides public content, or ``None``
    for everything."""
    return content_visible_group_ids(viewer=viewer)


def elasticsearch_filter(visible: Visible) -> EsQ | None:
    """The rule as a query clause: site-wide content, public groups' content, and the
    content of the groups the viewer may see. ``None``: no filter (staff)."""
    if visible is None:
        return None
    clauses = [~EsQ("exists", field="group_id"), EsQ("term", group_public=True)]
    if visible:
        clauses.append(EsQ("terms", group_id=sorted(visible)))
    return EsQ("bool", should=clauses, minimum_should_match=1)


def database_filter(visible: Visible) -> DbQ:
    """The same rule over ``SearchEntry`` rows."""
    if visible is None:
        return DbQ()
    return DbQ(group_id__isnull=True) | DbQ(group_public=True) | DbQ(group_id__in=visible)


def document_visible(*, group_id: int | None, group_public: bool, visible: Visible) -> bool:
    """The same rule for one document (its ``group_id`` and ``group_public``)."""
    return group_id is None or group_public or visible is None or group_id in visible
