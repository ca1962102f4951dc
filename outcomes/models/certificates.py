"""Certificates and badges that anyone can verify.

``credential`` keeps the signed Open Badges 3.0 credential exactly as issued; the
signature (``outcomes.credentials``) is what proves it, the row is what says whether it
has since been revoked.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField


class Certificate(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate of completion")
        BADGE = "badge", _("Badge for applied practice")

    class Achievement(models.TextChoices):
        """What a badge recognises: applied practice, not attendance."""

        CASE_STUDY = "case_study", _("Peer-reviewed case study contributed")
        PRACTICE_APPLIED = "practice_applied", _("Practice applied at work")
        REPLICATION = "replication", _("Practice replicated or adapted")
        PEER_MENTORING = "peer_mentoring", _("Peers mentored")
        TRAINING_DELIVERED = "training_delivered", _("Training delivered to others")
        OTHER = "other", _("Other achievement")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    recipient_name = CleanCharField(_("awarded to"), max_length=200)
    title = CleanCharField(_("title"), max_length=255)
    description = CleanTextField(_("description"), blank=True)
    achievement = models.CharField(
        _("achievement"), max_length=30, choices=Achievement.choices, blank=True
    )
    evidence_url = models.URLField(_("evidence"), max_length=500, blank=True)
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "inventory.InventoryItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="badges",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"))
    credential = models.JSONField(_("signed credential"), default=dict)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = CleanCharField(_("reason for revocation"), max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "group"],
                condition=models.Q(kind="certificate", group__isnull=False),
                name="one_certificate_per_cohort",
            ),
            models.UniqueConstraint(
                fields=["recipient", "group", "title"],
                condition=models.Q(kind="badge", group__isnull=False, revoked_at__isnull=True),
                name="one_badge_per_achievement_per_cohort",
            ),
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.title} — {self.recipient_name}"

    def get_absolute_url(self) -> str:
        return reverse("outcomes:certificate_detail", kwargs={"uuid": self.uuid})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
