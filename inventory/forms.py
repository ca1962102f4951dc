from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    """The editors' upload form. The format is read from the file's content unless the
    editor chooses one; the file name is never trusted."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or JSON file in the inventory import format (UTF-8). Records are matched "
            "on their external id: existing ones are updated, new ones created."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Detect from the content")), ("csv", "CSV"), ("json", "JSON")],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_IMPORT_BYTES // 2**20}
            )
        return upload
