"""Errors as JSON with German messages; Django's ValidationError becomes 400, not 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, views


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {key: [str(m) for m in errors[0].messages] for key, errors in _dict(exc)}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    return views.exception_handler(exc, context)


def _dict(exc):
    for key, errors in exc.error_dict.items():
        yield ("non_field_errors" if key == "__all__" else key), [DjangoValidationError(errors)]
