"""People: the account (email log-in), its profile and who may see each part of it."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField

from ..storage import private_storage


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
    #: How each kind of news (``Notification.News``) reaches the member: a
    #: ``community.delivery.Delivery`` value per kind; a missing kind takes the default.
    #: Read only through :mod:`community.delivery`.
    news_delivery = models.JSONField(_("how news reaches you"), default=dict, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name or str(self.user_id)
