"""Writes for bodies and their members (invitations, ending a membership)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ris_portal.accounts import user_invite
from ris_portal.concurrency import save_versioned
from ris_portal.models import create_validated

from ..models import (
    Body,
    Membership,
)


@transaction.atomic
def membership_invite(
    *,
    body: Body,
    email: str,
    first_name: str,
    last_name: str,
    invited_by,
    term: str = "",
    start: datetime.date | None = None,
    **fields,
) -> Membership:
    """Add a person to a body; a person without an account is invited (the account is created).

    `fields`: the membership's sector, role, organisation and public consent."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is not None and not user.is_active:
        # A member who cannot log in would be invited to meetings they cannot open.
        raise ValidationError(
            {
                "email": _(
                    "Das Konto zu dieser E-Mail-Adresse ist deaktiviert. Bitte lassen Sie es "
                    "zuerst von der Administration freischalten."
                )
            }
        )
    if user is None:
        user = user_invite(
            email=email, first_name=first_name, last_name=last_name, invited_by=invited_by
        ).user
    return create_validated(
        Membership,
        body=body,
        user=user,
        term=term or body.current_term,
        start=start or timezone.localdate(),
        **fields,
    )


def membership_end_refusal(membership: Membership) -> str:
    """Why the membership cannot be ended ("" while it can): its last day is already over (an
    end in the future is only planned and may still be moved). A wrong end is corrected on the
    membership's edit page."""
    if membership.end is None or membership.end >= timezone.localdate():
        return ""
    return _("Die Mitgliedschaft ist bereits mit dem %(day)s beendet.") % {
        "day": membership.end.strftime("%d.%m.%Y")
    }


def membership_dates_problem(
    *, start: datetime.date | None, end: datetime.date | None
) -> str | None:
    """Why `end` cannot be the last day of a membership beginning on `start`, else None.

    The day before the start is allowed: a membership added by mistake (it starts today)
    is revoked at once by ending it yesterday, i.e. it never took effect.
    """
    if start is None or end is None or end >= start - datetime.timedelta(days=1):
        return None
    return _(
        "Der letzte Tag kann nicht vor dem %(day)s liegen (dem Tag vor dem Beginn: dann war "
        "die Mitgliedschaft nie wirksam)."
    ) % {"day": (start - datetime.timedelta(days=1)).strftime("%d.%m.%Y")}


def membership_end(
    *, membership: Membership, end: datetime.date, expected_version: int | None
) -> Membership:
    """End a membership with `end` as its last day (a later day plans the end of a term).

    From the next day `Membership.objects.active()` leaves it out, and with it the person's
    role, their access to the body's internals, invitations and notifications. The row is
    kept: the body's history, the reports as of an earlier Stichtag and the votes given stay
    as they were. An ended membership is not ended again here (a wrong end is corrected on
    the membership's edit page).
    """
    refusal = membership_end_refusal(membership)
    if refusal:
        raise ValidationError(refusal)
    problem = membership_dates_problem(start=membership.start, end=end)
    if problem:
        raise ValidationError({"end": problem})
    membership.end = end
    save_versioned(
        membership, expected_version=expected_version, change_reason=_("Mitgliedschaft beendet")
    )
    return membership
