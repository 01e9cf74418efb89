"""Writes for bodies and their members (invitations)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ris_portal.accounts import user_invite
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
