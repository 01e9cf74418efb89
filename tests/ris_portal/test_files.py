"""Stored files: never served from /media/, unguessable names, checksums, web-server hand-off."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from reports.models import Report
from tests.conftest import client_for
from tests.governance.factories import MeetingDocumentFactory, MeetingFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_media_is_not_served_even_with_debug(client, cast, settings):
    from django.urls import clear_url_caches

    clear_url_caches()
    document = MeetingDocumentFactory(
        meeting=MeetingFactory(body=cast.board_b), uploaded_by=cast.staff
    )
    client_for(client, cast.board)  # a member of board A only
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    url = reverse("governance:document_download", kwargs={"pk": document.pk})
    assert client.get(url).status_code == 404


def test_storage_names_are_not_guessable(cast):
    first = MeetingDocumentFactory(
        meeting=MeetingFactory(body=cast.board_a), uploaded_by=cast.staff
    )
    second = MeetingDocumentFactory(
        meeting=MeetingFactory(body=cast.board_a), uploaded_by=cast.staff
    )
    pattern = r"sitzungen/\d{4}/[A-Za-z0-9_-]{22}/[^/]+$"
    assert re.match(pattern, first.file.name), first.file.name
    assert first.file.name.split("/")[2] != second.file.name.split("/")[2]
    report = ReportFactory(status=Report.Status.READY)
    assert re.match(r"reports/2024/[A-Za-z0-9_-]{22}/jahresbericht-2024-v1\.pdf$", report.file.name)


def test_a_tampered_report_is_refused_logged_and_reported_to_staff(
    client, cast, caplog, django_capture_on_commit_callbacks
):
    report = ReportFactory(status=Report.Status.PUBLISHED)
    # Someone changes the file in storage after it was rendered.
    storage = report.file.storage
    name = report.file.name
    storage.delete(name)
    storage.save(name, __import__("io").BytesIO(b"%PDF-1.7 manipuliert"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:report_download", args=[report.pk]))
        again = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == again.status_code == 409
    page = response.content.decode()
    assert "stimmt nicht mit ihrer Prüfsumme überein" in page
    assert b"manipuliert" not in response.content
    assert "fails the SHA-256 check" in caplog.text
    assert len(mail.outbox) == 1, "staff are told once, not on every download"
    assert report.title in mail.outbox[0].subject
    assert report.sha256 in mail.outbox[0].body


def test_an_intact_report_is_delivered(client, cast):
    report = ReportFactory(status=Report.Status.PUBLISHED)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment")


def test_production_hands_the_transfer_to_the_web_server(client, cast, settings):
    settings.FILES_ACCEL_REDIRECT = "/_geschuetzt/"
    report = ReportFactory(status=Report.Status.PUBLISHED)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_geschuetzt/{report.file.name}"
    assert response.content == b""
    document = MeetingDocumentFactory(
        meeting=MeetingFactory(body=cast.board_a), uploaded_by=cast.staff
    )
    client_for(client, cast.board)
    download = client.get(reverse("governance:document_download", kwargs={"pk": document.pk}))
    assert download["X-Accel-Redirect"] == f"/_geschuetzt/{document.file.name}"
    # Permission checks still come first.
    client_for(client, cast.user)
    assert client.get(
        reverse("governance:document_download", kwargs={"pk": document.pk})
    ).status_code in (403, 404)
