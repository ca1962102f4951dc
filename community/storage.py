"""Where files that are not for everyone live.

Everything under ``MEDIA_ROOT`` is served straight from disk by the web server
(``docker/nginx.conf``) or by Django in the demo, to anyone who knows or guesses the
address. Files whose audience the member chooses (avatars: "everyone", "signed-in
members", "only me") live instead under ``PRIVATE_MEDIA_ROOT``, which nothing serves by
itself: a view reads them after asking the visibility rule
(``community.views.profiles.member_avatar``).

The storage is the ``"private"`` entry of ``STORAGES``, so a deployment on object
storage points that alias at a private bucket without touching the models.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage rooted at ``PRIVATE_MEDIA_ROOT``, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        """None: these files are only reachable through a view that checks who asks."""
        return ""


def private_storage():
    """The storage of files served only through permission-checked views (a callable,
    so that the models and their migrations name the alias, not a location)."""
    return storages["private"]
