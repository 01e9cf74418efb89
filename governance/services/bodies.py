"""Writes for bodies and their members (invitations)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ris_portal.accounts import user_invite

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
    sector: str,
    role: str,
    invited_by,
    organisation=None,
    term: str = "",
    start: datetime.date | None = None,
    public_consent: bool = False,
) -> Membership:
    """Add a person to a body; a person without an account is invited (the account is created)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        user = user_invite(
            email=email, first_name=first_name, last_name=last_name, invited_by=invited_by
        ).user
    membership = Membership(
        body=body,
        user=user,
        organisation=organisation,
        sector=sector,
        role=role,
        term=term or body.current_term,
        start=start or timezone.localdate(),
        public_consent=public_consent,
    )
    membership.full_clean()
    membership.save()
    return membership
