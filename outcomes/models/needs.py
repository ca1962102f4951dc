"""The needs board: capacity needs posted by those who have them (demand-driven),
endorsed by peers, matched to training and practices that could answer them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import CleanCharField, CleanTextField


class Need(models.Model):
    class Urgency(models.TextChoices):
        LOW = "low", _("Low — within a year")
        MEDIUM = "medium", _("Medium — within six months")
        HIGH = "high", _("High — now")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        CLOSED = "closed", pgettext_lazy("need", "Closed")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="capacity_needs"
    )
    organisation = CleanCharField(_("on behalf of"), max_length=200)
    title = CleanCharField(_("topic"), max_length=200)
    description = CleanTextField(_("description"), max_length=5000)
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    sector = models.ForeignKey(
        "taxonomy.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sector"),
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
    )
    audience = models.ForeignKey(
        "taxonomy.Audience",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who needs it"),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("capacity need")
        verbose_name_plural = _("capacity needs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outcomes:need_detail", kwargs={"pk": self.pk})


class NeedEndorsement(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_endorsements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="endorsement_unique")]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")

    def __str__(self) -> str:
        return f"{self.user_id} endorses {self.need_id}"
