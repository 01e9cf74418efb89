"""Object kinds of the API app: tokens (staff manage them; nobody else learns of them)."""

from django.utils import timezone

from tests.api.factories import ApiTokenFactory

from .policy import staff
from .world import Kind, World


def build_tokens(w: World) -> None:
    for state in ("active", "revoked"):
        marker = w.marker()
        token = ApiTokenFactory(
            user=w.cast.ministry,
            name=f"Zugang {marker}",
            prefix="ris_test",
            key_hash=f"{marker:0>64}"[-64:],
            scopes=["read"],
            created_by=w.cast.staff,
            revoked_at=timezone.now() if state == "revoked" else None,
        )
        w.add("api_token", state, "-", token, marker)


KINDS = [Kind("api_token", ("active", "revoked"), build_tokens, staff)]
