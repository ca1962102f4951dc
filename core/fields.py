"""Model fields for text that people write: the one cleaning path.

Every user-writable text field (a member's profile, a group's description, a join
request's message, forum titles and posts, needs, follow-up answers, organisers'
certificates and frameworks, imported inventory text…) is a :class:`CleanCharField`,
:class:`CleanTextField` or (editors' rich text) :class:`CleanRichTextField`. Whatever
writes the row — a form, a service, an import, a queryset ``update()`` — the value
passes through :func:`core.markdown.clean_text` (NFC, no bidirectional overrides or
isolates, no NUL) before it reaches the database, so no view, email or feed has to
remember to clean it. ``tests/security/test_xss.py``
checks that every text field of the domain apps is one of these or is named there as
not written by people.

The fields deconstruct as Django's own ``CharField``/``TextField``: cleaning is not a
schema change, and needs no migration.
"""

from __future__ import annotations

from django.db import models
from wagtail.fields import RichTextField

from core.markdown import clean_text


class _CleanTextMixin:
    def _clean(self, value):
        return clean_text(value) if isinstance(value, str) else value

    def to_python(self, value):
        """Model validation (``full_clean``, hence every ModelForm) stores the clean text."""
        return self._clean(super().to_python(value))

    def pre_save(self, model_instance, add):
        """The instance a service goes on using (to broadcast or email) holds the
        clean text too, not only the row."""
        value = self._clean(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        """Covers writes that bypass ``save()``: ``update()``, ``bulk_update()``."""
        return self._clean(super().get_prep_value(value))


class CleanCharField(_CleanTextMixin, models.CharField):
    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class CleanTextField(_CleanTextMixin, models.TextField):
    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class CleanRichTextField(_CleanTextMixin, RichTextField):
    """Editors' rich text (Wagtail's editor stores HTML): cleaned of direction
    overrides like every other text; the HTML itself is Wagtail's to sanitise."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.fields.RichTextField", args, kwargs
