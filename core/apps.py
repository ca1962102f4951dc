from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from core.addresses import sites_sync

        # After Django's sites app created its example.com row and Wagtail's tree exists.
        post_migrate.connect(sites_sync, sender=self, dispatch_uid="core.sites_sync")
        from .versioned import bump_all

        post_migrate.connect(bump_all, dispatch_uid="core.versioned.bump_all")
        # Every app's navigation.py declares its sections (``core.navigation``) and its
        # home.py its blocks of the home page (``core.home``).
        autodiscover_modules("navigation", "home")
        from . import page_cache, structure

        page_cache.connect()
        structure.connect()
