from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")

    def ready(self) -> None:
        from . import page_views  # noqa: F401 - registers the answers to the page routes
