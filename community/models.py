import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField

from .storage import private_storage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of the platform. The email address is the log-in.

    ``handle`` is the short public name used in @mentions and profile URLs; it is
    chosen once at sign-up (derived from the email) and can be changed in the profile.
    """

    email = models.EmailField(_("email address"), unique=True)
    handle = models.SlugField(_("handle"), max_length=40, unique=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    deleted_at = models.DateTimeField(
        _("account deleted"),
        null=True,
        blank=True,
        help_text=_("Set when the member deleted their account; the row stays anonymised."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.handle:
            self.handle = self._unique_handle()
        super().save(*args, **kwargs)

    def _unique_handle(self) -> str:
        base = slugify(self.email.split("@")[0])[:32] or "member"
        handle, n = base, 1
        while User.objects.filter(handle=handle).exclude(pk=self.pk).exists():
            n += 1
            handle = f"{base}-{n}"
        return handle

    def get_absolute_url(self) -> str:
        return reverse("community:profile_detail", args=[self.handle])

    @property
    def is_former_member(self) -> bool:
        return self.deleted_at is not None

    @property
    def display_name(self) -> str:
        if self.deleted_at is not None:
            return str(_("Former member"))
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        return self.handle

    # Wagtail's admin shows these.
    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def first_name(self) -> str:
        return self.display_name

    @property
    def last_name(self) -> str:
        return ""


def avatar_upload_to(instance: "Profile", filename: str) -> str:
    """An unguessable name in the private storage: the picture is reached only through
    the avatar view, which asks the owner's visibility choice."""
    return f"avatars/{instance.user_id}/{secrets.token_urlsafe(16)}.png"


class Visibility(models.TextChoices):
    """Who may see one field of a profile. The display name is always public: posts
    are attributed by it."""

    EVERYONE = "everyone", _("Everyone")
    MEMBERS = "members", _("Signed-in members")
    NOBODY = "nobody", _("Only me")


def _visibility_field(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )


class Profile(models.Model):
    """What a member tells peers about themselves, and who may see each part of it."""

    #: Fields whose visibility the member chooses; ``<field>_visibility`` holds it.
    PRIVATE_FIELDS = ("organisation", "role", "country", "languages", "themes", "bio", "avatar")

    class DigestFrequency(models.TextChoices):
        OFF = "off", _("Off")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = CleanCharField(_("display name"), max_length=120, blank=True)
    organisation = CleanCharField(_("organisation"), max_length=200, blank=True)
    role = CleanCharField(_("role"), max_length=120, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("country"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="+", verbose_name=_("themes of expertise")
    )
    bio = CleanTextField(_("bio"), blank=True, max_length=4000)
    avatar = models.ImageField(
        _("avatar"), upload_to=avatar_upload_to, storage=private_storage, blank=True
    )

    organisation_visibility = _visibility_field(_("who sees the organisation"))
    role_visibility = _visibility_field(_("who sees the role"))
    country_visibility = _visibility_field(_("who sees the country"))
    languages_visibility = _visibility_field(_("who sees the languages"))
    themes_visibility = _visibility_field(_("who sees the themes"))
    bio_visibility = _visibility_field(_("who sees the bio"))
    avatar_visibility = _visibility_field(_("who sees the avatar"))

    language = models.CharField(
        _("interface language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the site and of the emails you receive."),
    )
    digest_frequency = models.CharField(
        _("email digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name or str(self.user_id)


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


class Follow(models.Model):
    """A member follows something: another member, a group, a case study, a forum topic
    or category. Following is how members choose what they hear about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """Something a member should hear about, shown under the bell and in the digest.

    ``group`` records the group the subject belongs to, if any, so that a member who can
    no longer see that group's content (removed, group made secret) is never shown it.
    """

    class Verb(models.TextChoices):
        REPLY = "reply", _("reply")
        MENTION = "mention", _("mention")
        REACTION = "reaction", _("reaction")
        INVITATION = "invitation", _("invitation")
        JOIN_DECISION = "join_decision", _("join decision")
        NEW_CONTENT = "new_content", _("new content")
        MEMBERSHIP = "membership", _("membership change")
        FOLLOW_UP = "follow_up", _("follow-up questionnaire")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    title = CleanCharField(_("title"), max_length=300)
    url = models.CharField(max_length=500, blank=True)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "emailed_at"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
