"""Every e-mail of the portal goes through the outbox: rendered now, sent by a durable job.

`send_templated_mail()` renders `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html`
and stores the message as an `OutboxMail` row *in the caller's transaction*; after the commit
a Celery task (`ris_portal.outbox_send`) sends it. So a mail exists exactly when the change it
reports was committed, an SMTP server or broker that is down delays mails instead of losing
them (lease, bounded attempts, periodic sweep: `ris_portal.jobs`), and staff see failed mails
with their reason in the admin.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import jobs
from .models import OutboxMail

logger = logging.getLogger(__name__)

MAIL_JOB = jobs.declare(
    OutboxMail,
    "ris_portal.outbox_send",
    running=OutboxMail.Status.SENDING,
    queue_setting="MAIL_QUEUE",
)


def send_templated_mail(
    prefix: str,
    *,
    to: list[str],
    context: dict,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    language: str | None = None,
    dedupe_key: str | None = None,
    headers: dict[str, str] | None = None,
) -> OutboxMail | None:
    """Queue one e-mail (rendered now) and send it after the commit.

    With `dedupe_key`, a second call with the same key queues nothing and returns None.
    `headers` are extra header lines of the message (name → value).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}.txt", context)
        html = render_to_string(f"{prefix}.html", context)
    mail = OutboxMail(
        template=prefix[:200],
        recipients=list(to),
        subject=subject[:500],
        body_text=text,
        body_html=html,
        attachments=[
            {
                "filename": filename,
                "content_b64": base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode("ascii"),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in attachments
        ],
        dedupe_key=dedupe_key,
        headers=dict(headers or {}),
        max_attempts=settings.MAIL_MAX_ATTEMPTS,
    )
    try:
        # A savepoint, so that a duplicate key does not break the caller's transaction.
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if dedupe_key and OutboxMail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    jobs.job_enqueue(MAIL_JOB, pk=mail.pk)
    return mail


def notify_staff(prefix: str, context: dict, *, dedupe_key: str | None = None):
    """Queue an e-mail to the office (`STAFF_NOTIFY_EMAIL`), see `send_templated_mail`."""
    return send_templated_mail(
        prefix, to=[settings.STAFF_NOTIFY_EMAIL], context=context, dedupe_key=dedupe_key
    )


def outbox_send(*, mail_id: int) -> bool:
    """Send one queued mail if this caller can claim it; True when it was sent now."""
    if not jobs.job_claim(MAIL_JOB, pk=mail_id):
        return False
    mail = OutboxMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        mail.subject,
        mail.body_text,
        settings.DEFAULT_FROM_EMAIL,
        mail.recipients,
        headers=mail.headers or None,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content_b64"]),
            attachment["mimetype"],
        )
    message.send()
    OutboxMail.objects.filter(pk=mail_id, status=OutboxMail.Status.SENDING).update(
        status=OutboxMail.Status.SENT, sent_at=timezone.now(), lease_until=None
    )
    return True


def outbox_retry(*, mail: OutboxMail) -> bool:
    """Staff send a failed mail again (a fresh round of attempts)."""
    return jobs.job_retry(MAIL_JOB, pk=mail.pk)
