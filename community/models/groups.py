"""Groups and alumni networks, their memberships, invitations and join requests."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField


class Group(models.Model):
    """A community group: an alumni network, a working group or a regional network.

    Privacy decides who sees what (see ``community.selectors``): a public group and its
    content are visible to everyone; a private group is listed but its content is for
    members only; a secret group is neither listed nor visible to non-members.
    """

    class Kind(models.TextChoices):
        ALUMNI_NETWORK = "alumni_network", _("Alumni network")
        WORKING_GROUP = "working_group", _("Working group")
        REGIONAL_NETWORK = "regional_network", _("Regional network")

    class Privacy(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private (listed, content for members only)")
        SECRET = "secret", _("Secret (unlisted, by invitation)")

    name = CleanCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    privacy = models.CharField(
        _("privacy"), max_length=10, choices=Privacy.choices, default=Privacy.PUBLIC
    )
    description = CleanTextField(_("description"), blank=True, max_length=5000)
    course = models.ForeignKey(
        "inventory.InventoryItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alumni_networks",
        verbose_name=_("course"),
        help_text=_("For an alumni network: the course or training activity."),
    )
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="community_groups"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:group_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.privacy == self.Privacy.PUBLIC


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MODERATOR = "moderator", _("Moderator")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["user", "group"])]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"

    @property
    def can_manage(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.MODERATOR)


def _invitation_key() -> str:
    return secrets.token_urlsafe(24)


def _invitation_expiry():
    return timezone.now() + timedelta(days=Invitation.VALID_DAYS)


class Invitation(models.Model):
    """An invitation to join a group, sent by email to a member or to someone who has
    no account yet (they join when they confirm that address at sign-up).

    The link carries a signed token around ``key``; an invitation is single-use and
    expires after ``VALID_DAYS``.
    """

    VALID_DAYS = 14

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, default=_invitation_key, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "group",
                Lower("email"),
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} to {self.group}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired


class JoinRequest(models.Model):
    """A member asks to join a private group; an owner or moderator decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = CleanTextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(status="pending"),
                name="joinrequest_one_pending",
            )
        ]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.group}"
