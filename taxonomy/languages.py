"""Languages that content, courses and members can carry (ISO 639-1)."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("tl", _("Filipino")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("ne", _("Nepali")),
    ("si", _("Sinhala")),
    ("ta", _("Tamil")),
    ("ml", _("Malayalam")),
    ("id", _("Indonesian")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("tr", _("Turkish")),
    ("sw", _("Swahili")),
    ("am", _("Amharic")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
    ("fa", _("Persian")),
    ("sm", _("Samoan")),
    ("to", _("Tongan")),
    ("bi", _("Bislama")),
]
LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}
