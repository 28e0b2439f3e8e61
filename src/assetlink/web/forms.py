"""Showing a service's validation errors on the form the user submitted, keeping what they typed."""

from django import forms
from django.core.exceptions import ValidationError


def show_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach errors to their fields where the form has them, otherwise to the whole form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
