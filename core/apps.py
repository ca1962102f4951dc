from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        # Every app's navigation.py declares its sections (``core.navigation``) and its
        # home.py its blocks of the home page (``core.home``).
        autodiscover_modules("navigation", "home")
