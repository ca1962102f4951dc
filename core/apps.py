from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core.addresses import sites_sync

        # After Django's sites app created its example.com row and Wagtail's tree exists.
        post_migrate.connect(sites_sync, sender=self, dispatch_uid="core.sites_sync")
