"""Login throttling: growing delays per account and address, no lock anyone can trigger."""

import pytest
import time_machine
from django.urls import reverse

from ris_portal.login_throttle import delay_for

pytestmark = pytest.mark.django_db

WAIT = "Zu viele fehlgeschlagene Anmeldeversuche"
RIGHT = "Sicheres-Passwort-1"


def _login(client, email, password, address="192.0.2.10"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_delays_grow_after_the_free_failures_up_to_a_cap():
    assert [delay_for(n, free=3, cap=60) for n in range(0, 11)] == [
        0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60,
    ]  # fmt: skip


def test_wrong_passwords_slow_an_account_down_but_never_lock_it(client, cast):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        pages = [_login(client, cast.ministry.email, "falsch").content.decode() for _ in range(3)]
        assert all(WAIT not in page for page in pages), "three typos cost nothing"
        assert WAIT not in _login(client, cast.ministry.email, "falsch").content.decode()
        # The fourth failure asks for a wait (1 s) …
        waiting = _login(client, cast.ministry.email, RIGHT)
        assert waiting.status_code == 200
        assert WAIT in waiting.content.decode()
        # … and after the wait the right password works: no lock.
        clock.shift(2)
        assert _login(client, cast.ministry.email, RIGHT).status_code == 302


def test_an_attacker_elsewhere_delays_the_account_by_at_most_the_cap(client, cast):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        for _ in range(30):
            _login(client, cast.ministry.email, "geraten", address="203.0.113.66")
            clock.shift(61)  # the attacker waits out every delay
        clock.shift(60)
        # The ministry, from its own address, is in after at most the cap (60 s).
        assert _login(client, cast.ministry.email, RIGHT, address="198.51.100.7").status_code == 302


def test_colleagues_behind_one_nat_are_not_slowed_by_a_few_typos(client, cast):
    with time_machine.travel("2026-03-02 09:00:00", tick=False):
        for user in (cast.staff, cast.steering, cast.board):
            for _ in range(3):
                assert WAIT not in _login(client, user.email, "vertippt").content.decode()
        response = _login(client, cast.ministry.email, RIGHT)
        assert response.status_code == 302, "nine typos of three colleagues block nobody"


def test_many_failures_from_one_address_slow_that_address_down(client, cast):
    with time_machine.travel("2026-03-02 09:00:00", tick=False):
        for number in range(21):
            _login(client, f"person{number}@example.org", "geraten", address="203.0.113.9")
        page = _login(client, "noch-jemand@example.org", "geraten", address="203.0.113.9")
        assert WAIT in page.content.decode()
        # Another address is unaffected.
        assert _login(client, cast.ministry.email, RIGHT, address="198.51.100.7").status_code == 302


def test_a_successful_login_clears_the_accounts_counter(client, cast):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        for _ in range(3):
            _login(client, cast.ministry.email, "falsch")
        assert _login(client, cast.ministry.email, RIGHT).status_code == 302
        client.logout()
        clock.shift(1)
        assert WAIT not in _login(client, cast.ministry.email, "falsch").content.decode()
        assert _login(client, cast.ministry.email, RIGHT).status_code == 302
