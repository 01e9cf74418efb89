"""The e-mail outbox: mails are rows written with the change, sent by a durable job."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from ris_portal import emails, jobs
from ris_portal.models import OutboxMail
from ris_portal.tasks import outbox_send_task
from tests.factories import OutboxMailFactory
from tests.polling import wait_for_status

pytestmark = pytest.mark.django_db


def _queue(**kwargs):
    return emails.send_templated_mail(
        "emails/feedback_received",
        to=["staff@example.org"],
        context={"feedback": {"message": "Kontrast zu gering", "page_url": "/"}},
        **kwargs,
    )


class FlakySMTP:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionRefusedError("SMTP-Server nicht erreichbar")
        return 1


def test_a_mail_is_stored_and_sent_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue(attachments=[("a.ics", b"BEGIN:VCALENDAR", "text/calendar")])
        assert mail.outbox == [], "nothing leaves before the commit"
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert queued.attempts == 1
    assert queued.sent_at is not None
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    assert mail.outbox[0].subject == queued.subject
    assert mail.outbox[0].attachments[0][:2] == ("a.ics", "BEGIN:VCALENDAR")


def test_a_rolled_back_change_sends_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _queue()
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass
    assert OutboxMail.objects.count() == 0
    assert mail.outbox == []


def test_a_failing_smtp_server_delays_the_mail_and_gives_up_visibly(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_ATTEMPTS = 2
    smtp = FlakySMTP(failures=99)
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp)
    with django_capture_on_commit_callbacks(execute=True):  # eager: retries run at once
        queued = _queue()
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.FAILED
    assert queued.attempts == 2
    assert "SMTP-Server nicht erreichbar" in queued.error_message

    # Staff retry once the server is back: a fresh round of attempts.
    smtp.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert emails.outbox_retry(mail=queued) is True
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert queued.attempts == 1


def test_one_transient_error_is_retried(monkeypatch, django_capture_on_commit_callbacks):
    smtp = FlakySMTP(failures=1)
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp)
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert queued.attempts == 2
    assert smtp.calls == 2


def test_mails_queued_while_the_broker_was_down_are_sent_by_the_sweep(
    monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(outbox_send_task, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.PENDING
    assert queued.enqueued_at is None
    monkeypatch.undo()
    assert jobs.jobs_sweep()["ris_portal.OutboxMail"] == 1
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert len(mail.outbox) == 1


def test_a_mail_whose_sender_died_is_sent_once_the_lease_expired():
    queued = OutboxMailFactory(
        status=OutboxMail.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    jobs.jobs_sweep()
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert len(mail.outbox) == 1


def test_a_dedupe_key_queues_a_mail_only_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _queue(dedupe_key="erinnerung:1:7") is not None
        assert _queue(dedupe_key="erinnerung:1:7") is None
    assert OutboxMail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_mail_is_not_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = _queue()
    assert outbox_send_task.apply(args=[queued.pk]).get() == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_jobs_run_in_a_background_thread(settings):
    settings.RIS_TASKS_IN_THREAD = True
    queued = _queue()
    wait_for_status(queued, OutboxMail.Status.SENT, seconds=20)
    assert queued.status == OutboxMail.Status.SENT
    assert len(mail.outbox) == 1


def _failed_mail(subject="Einladung", error="SMTPServerDisconnected: weg"):
    return OutboxMailFactory(
        failed=True, recipients=["person@example.org"], subject=subject, error_message=error
    )


def test_staff_see_failed_mails_with_the_reason_and_send_them_again(
    client, cast, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.conftest import client_for

    failed = _failed_mail()
    client_for(client, cast.staff)
    page = client.get(reverse("outbox_list"), {"status": "fehlgeschlagen"}).content.decode()
    assert "SMTPServerDisconnected: weg" in page
    assert "Versuch 5 von 5" in page
    assert reverse("outbox_retry", args=[failed.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox_retry", args=[failed.pk]), follow=True)
    assert "wird erneut gesendet" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == OutboxMail.Status.SENT
    assert [m.to for m in mail.outbox] == [["person@example.org"]]
    # A second click does not send it again.
    again = client.post(reverse("outbox_retry", args=[failed.pk]), follow=True)
    assert "Nur fehlgeschlagene E-Mails" in again.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("rows", [2, 20])
def test_the_outbox_page_keeps_its_query_budget(client, cast, rows, django_assert_max_num_queries):
    from django.urls import reverse

    from tests.conftest import client_for

    for number in range(rows):
        _failed_mail(subject=f"Nr. {number}")
    client_for(client, cast.staff)
    # session, user, groups, memberships (roles), count, page of mails
    with django_assert_max_num_queries(8):
        assert client.get(reverse("outbox_list")).status_code == 200
