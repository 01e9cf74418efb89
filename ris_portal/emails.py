"""One helper for every e-mail: subject/text/html templates rendered together."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    prefix: str,
    *,
    to: list[str],
    context: dict,
    attachments: list[tuple[str, bytes, str]] = (),
    language: str | None = None,
) -> None:
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` and send them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}.txt", context)
        html = render_to_string(f"{prefix}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
