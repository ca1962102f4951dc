from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from . import activity, exports, follows, signals  # noqa: F401

        exports.autodiscover()  # every app's privacy.py: export sections, deletion receivers
        follows.autodiscover()  # every app's follows.py: followable kinds, news for followers
        activity.autodiscover()  # every app's activity.py: a group's recent activity
