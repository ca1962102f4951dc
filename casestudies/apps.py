from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.structure import PAGES

        from . import page_views  # noqa: F401 - registers the answers to the page routes
        from .models import TourStop
        from .selectors import taxonomy

        taxonomy.connect()
        # A tour's stops are counted on the case study it belongs to (its cached
        # context); they are saved with the tour's page, and on their own by imports.
        post_save.connect(PAGES.bump, sender=TourStop, dispatch_uid="structure-tourstop-save")
        post_delete.connect(PAGES.bump, sender=TourStop, dispatch_uid="structure-tourstop-delete")
