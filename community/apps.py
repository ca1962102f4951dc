from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .exports import autodiscover

        autodiscover()  # every app's privacy.py: export sections, deletion receivers
