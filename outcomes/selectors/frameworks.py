"""Results frameworks as the pages that carry them show them (a case study, an
inventory item): every outcome and indicator, in a fixed number of queries, and cached.

A framework is editorial content, the same for every reader and edited far less often
than it is read, so the frameworks of a page are kept under the ``results-frameworks``
version (``core.versioned``), which saving or deleting a framework, an outcome or an
indicator replaces.
"""

from __future__ import annotations

from django.db.models import Model, Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save

from core.versioned import family
from outcomes.models import Indicator, Outcome, ResultsFramework

FRAMEWORKS = family("results-frameworks")


def framework_queryset() -> QuerySet[ResultsFramework]:
    return ResultsFramework.objects.select_related("inventory_item", "case_study").prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("indicators"))
    )


def frameworks_for(obj: Model | None) -> list[ResultsFramework]:
    """The frameworks of an inventory item or a case-study page."""
    if obj is None or obj.pk is None:
        return []
    if obj._meta.model_name == "inventoryitem":
        lookup = {"inventory_item_id": obj.pk}
    else:
        lookup = {"case_study_id": obj.pk}
    return FRAMEWORKS.get_or_set(
        ("frameworks", obj._meta.label_lower, obj.pk),
        lambda: list(framework_queryset().filter(**lookup)),
        shared=False,
    )


def connect() -> None:
    for model in (ResultsFramework, Outcome, Indicator):
        uid = f"frameworks-cache-{model._meta.label_lower}"
        post_save.connect(FRAMEWORKS.bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(FRAMEWORKS.bump, sender=model, dispatch_uid=f"{uid}-delete")
