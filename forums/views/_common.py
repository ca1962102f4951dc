from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form
    has it, on the form otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
