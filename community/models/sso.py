"""What an identity provider means to the community: the organisation it signs people in
for, the email domains that must use it, and the groups its members join.

The provider itself is allauth's (a ``SocialApp`` row or an entry of
``SOCIALACCOUNT_PROVIDERS`` from the environment); it is named here by the id allauth
records on each connected account (``SocialAccount.provider``), so both kinds work.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationSignIn(models.Model):
    provider_id = models.CharField(
        _("provider id"),
        max_length=200,
        unique=True,
        help_text=_(
            "The provider id of the social application (for OpenID Connect, the id in its "
            "callback URL /accounts/oidc/<id>/login/callback/)."
        ),
    )
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Members who sign in through this provider get it on their profile."),
    )
    email_domains = models.TextField(
        _("email domains"),
        blank=True,
        help_text=_(
            "One per line, e.g. example.gov: people with these addresses must sign in "
            "through this provider, not with a password."
        ),
    )
    groups = models.ManyToManyField(
        "community.Group",
        blank=True,
        related_name="+",
        verbose_name=_("groups joined on sign-in"),
    )

    class Meta:
        verbose_name = _("organisation sign-in")
        verbose_name_plural = _("organisation sign-ins")

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation_id else self.provider_id

    @property
    def domains(self) -> list[str]:
        return [
            line.strip().lstrip("@").lower()
            for line in self.email_domains.replace(",", "\n").splitlines()
            if line.strip()
        ]
