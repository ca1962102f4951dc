from django.utils.translation import gettext_lazy as _

from core.forms import FileImportForm

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(FileImportForm):
    """The editors' inventory upload (see ``core.forms.FileImportForm``)."""

    max_bytes = MAX_IMPORT_BYTES
    file_help = _(
        "A CSV or JSON file in the inventory import format (UTF-8). Records are matched "
        "on their external id: existing ones are updated, new ones created."
    )
