"""Waiting for a job that runs in another thread or process to move a row on."""

import time
from collections.abc import Callable

from django.db.models import Model


def wait_for_status(
    row: Model, *statuses: str, seconds: float, step: float = 0.1, check: Callable = lambda: None
) -> None:
    """Reload `row` until its status is one of `statuses` or `seconds` have passed.

    The caller asserts the status afterwards (so a timeout fails with the status it stuck in);
    `check` runs every round, e.g. to fail at once when the worker process died.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row.refresh_from_db()
        if row.status in statuses:
            return
        check()
        time.sleep(step)
