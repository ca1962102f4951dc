from allauth.account.adapter import DefaultAccountAdapter

from core.addresses import on_site


class AccountAdapter(DefaultAccountAdapter):
    """Emails addresses are stored lower-case so that one person has one account; the
    links in account emails are on the site's public address (``SITE_URL``), not on
    whatever host the request came in on."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))
