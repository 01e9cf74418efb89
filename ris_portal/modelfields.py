"""Field declarations that every app makes the same way, named once.

The models of all apps record the same kinds of facts: who did something to a row ("erfasst
von"), when it happened if it did ("abgesagt am"), an optional link to a row of another model,
a workflow status from a `TextChoices` class. Each helper returns a plain Django field, so
migrations see exactly the field a hand-written declaration would give; the keyword arguments
a helper does not fix are passed through unchanged.

The link helpers are typed as returning `Any`: django-stubs infers the type of a related row
only from a `ForeignKey(...)` call written in the class body, and an unparameterised
`ForeignKey` would make every `row.link.attribute` an error in the type-checked services.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def optional_fk(
    to: Any, related_name: str, verbose_name: Any = None, *, on_delete=models.PROTECT, **options
) -> Any:
    """An optional link: may stay empty in forms and in the database; protects its target."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def user_fk(
    verbose_name: Any = None,
    *,
    optional: bool = False,
    on_delete=models.PROTECT,
    related_name: str = "+",
    **options,
) -> Any:
    """A person: who did something to the row ("angelegt von", "widerrufen von", …), or whose
    row it is (then with a `related_name`, e.g. a person's memberships).

    Without a reverse accessor by default: nobody asks a person for every row they touched,
    and one user model would otherwise collect dozens of clashing accessor names.
    """
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def choice_field(
    verbose_name: Any, choices: type[models.TextChoices], *, max_length: int = 20, **options
) -> models.CharField:
    """A text column holding one value of `choices` (the stored values are the choices' keys)."""
    return models.CharField(verbose_name, max_length=max_length, choices=choices.choices, **options)


def status_field(
    choices: type[models.TextChoices], default: Any = models.NOT_PROVIDED, **options
) -> models.CharField:
    """The workflow state of a row; the services move it, forms never offer it freely."""
    return choice_field(_("Status"), choices, default=default, **options)


def optional_datetime(verbose_name: Any, **options) -> models.DateTimeField:
    """When something happened to the row, empty while it has not ("abgesagt am")."""
    return models.DateTimeField(verbose_name, null=True, blank=True, **options)


def optional_date(verbose_name: Any, **options) -> models.DateField:
    """A day that may be unknown or open (the end of a membership, of an activity)."""
    return models.DateField(verbose_name, null=True, blank=True, **options)


def title_field(max_length: int = 250) -> models.CharField:
    """The heading a row is listed under."""
    return models.CharField(_("Titel"), max_length=max_length)


DESCRIPTION = _("Beschreibung (Markdown)")


def markdown_field(verbose_name: Any = DESCRIPTION, **options) -> models.TextField:
    """An optional longer text, written in Markdown and rendered on the pages."""
    return models.TextField(verbose_name, blank=True, **options)


def ends_after_start(name: str) -> models.CheckConstraint:
    """A meeting or event that ends before it begins is a typing error; the database refuses it."""
    return models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name=name)
