"""Background work for the inventory (django-tasks)."""

from __future__ import annotations

from django.apps import apps
from django_tasks import task
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

CHUNK = 500


@task()
def wagtail_indexes_update(*, model_label: str, pks: list[int]) -> None:
    """What Wagtail's own ``post_save`` handlers do for one saved row, for the rows an
    import wrote in bulk (bulk writes send no signals): add them to Wagtail's search
    backends (the admin's snippet search) and, for a model the reference index tracks,
    record what they refer to. One task per import and model instead of two per row."""
    model = apps.get_model(model_label)
    tracked = ReferenceIndex.is_indexed(model)
    for start in range(0, len(pks), CHUNK):
        objects = list(model._default_manager.filter(pk__in=pks[start : start + CHUNK]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
        if tracked:
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)
