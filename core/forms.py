"""Forms more than one app uses."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FileImportForm(forms.Form):
    """An editors' upload of a CSV or JSON file. The format is read from the file's
    content unless the editor chooses one; the file name is never trusted. Subclasses
    say what the file holds (``file_help``) and how large it may be (``max_bytes``)."""

    file_help = ""
    max_bytes = 20 * 2**20

    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Detect from the content")), ("csv", "CSV"), ("json", "JSON")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.file_help

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": self.max_bytes // 2**20}
            )
        return upload
