"""Download centre, workspace, status fragment, publishing, legacy uploads and the command."""

import io
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from reports.models import Report
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.monitoring.factories import IndicatorValueFactory
from tests.reports.factories import ReportFactory, tiny_pdf

pytestmark = pytest.mark.django_db


def test_the_download_centre_lists_only_published_reports(client, cast):
    published = ReportFactory(status=Report.Status.PUBLISHED, year=2023)
    draft = ReportFactory(status=Report.Status.READY, year=2024)
    legacy = ReportFactory(status=Report.Status.PUBLISHED, year=2019, kind=Report.Kind.LEGACY)
    page = client.get(reverse("reports:download_centre")).content.decode()
    assert reverse("reports:report_download", args=[published.pk]) in page
    assert reverse("reports:report_download", args=[legacy.pk]) in page
    assert reverse("reports:report_download", args=[draft.pk]) not in page


def test_the_download_centre_filters_by_year_and_kind(client, cast):
    report_2023 = ReportFactory(status=Report.Status.PUBLISHED, year=2023)
    legacy_2019 = ReportFactory(status=Report.Status.PUBLISHED, year=2019, kind=Report.Kind.LEGACY)
    url = reverse("reports:download_centre")
    by_year = client.get(url, {"jahr": 2019}).content.decode()
    assert reverse("reports:report_download", args=[legacy_2019.pk]) in by_year
    assert reverse("reports:report_download", args=[report_2023.pk]) not in by_year
    by_kind = client.get(url, {"art": "jahresbericht"}).content.decode()
    assert reverse("reports:report_download", args=[report_2023.pk]) in by_kind
    assert reverse("reports:report_download", args=[legacy_2019.pk]) not in by_kind


def test_the_download_centre_says_when_nothing_is_published(client, cast):
    ReportFactory(status=Report.Status.READY)
    page = client.get(reverse("reports:download_centre")).content.decode()
    assert "Es sind noch keine Berichte veröffentlicht" in page


@pytest.mark.parametrize("rows", [1, 10])
def test_the_download_centre_keeps_its_query_budget(
    client, cast, rows, django_assert_max_num_queries
):
    for index in range(rows):
        ReportFactory(status=Report.Status.PUBLISHED, year=2000 + index, with_file=False)
    # session-less anonymous page: count, page of reports, distinct years.
    with django_assert_max_num_queries(4):
        assert client.get(reverse("reports:download_centre")).status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_the_workspace_keeps_its_query_budget(client, cast, rows, django_assert_max_num_queries):
    for index in range(rows):
        ReportFactory(
            status=Report.Status.READY, year=2000 + index, with_file=False, requested_by=cast.staff
        )
    client_for(client, cast.ministry)
    # session, user, groups, memberships (roles), count, page with requested_by joined.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reports:report_workspace")).status_code == 200


def test_the_workspace_filters_by_status(client, cast):
    ready = ReportFactory(status=Report.Status.READY, year=2024)
    failed = ReportFactory(status=Report.Status.FAILED, year=2023)
    client_for(client, cast.steering)
    page = client.get(
        reverse("reports:report_workspace"), {"status": "fehlgeschlagen"}
    ).content.decode()
    assert failed.get_absolute_url() in page
    assert ready.get_absolute_url() not in page


def test_only_staff_see_the_request_form(client, cast):
    client_for(client, cast.ministry)
    assert (
        reverse("reports:report_request")
        not in client.get(reverse("reports:report_workspace")).content.decode()
    )
    client.logout()
    client_for(client, cast.staff)
    assert (
        reverse("reports:report_request")
        in client.get(reverse("reports:report_workspace")).content.decode()
    )


def test_the_status_fragment_polls_while_the_report_is_in_progress(client, cast):
    report = ReportFactory(status=Report.Status.RENDERING, attempts=1)
    client_for(client, cast.staff)
    fragment = client.get(reverse("reports:report_status", args=[report.pk])).content.decode()
    assert 'data-hx-trigger="every 2s"' in fragment
    assert "wird erstellt" in fragment
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, error_message="Zeitlimit"
    )
    fragment = client.get(reverse("reports:report_status", args=[report.pk])).content.decode()
    assert "data-hx-trigger" not in fragment
    assert "Zeitlimit" in fragment


def test_the_ministry_downloads_a_draft(client, cast):
    report = ReportFactory(status=Report.Status.READY)
    client_for(client, cast.ministry)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert len(PdfReader(io.BytesIO(content)).pages) == 1


def test_a_board_member_cannot_see_drafts(client, cast):
    report = ReportFactory(status=Report.Status.READY)
    client_for(client, cast.board)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:report_download", args=[report.pk])).status_code == 404


def test_publishing_asks_for_confirmation_first(client, cast):
    report = ReportFactory(status=Report.Status.READY)
    client_for(client, cast.staff)
    url = reverse("reports:report_publish", args=[report.pk])
    assert "Jetzt veröffentlichen" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    assert report.published_by == cast.staff
    assert report.published_at is not None


def test_only_finished_reports_can_be_published(cast):
    report = ReportFactory(status=Report.Status.FAILED)
    with pytest.raises(services.ReportStateError):
        services.report_publish(report=report, user=cast.staff)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED


def test_publishing_locks_the_years_indicator_values(cast):
    from django.core.exceptions import ValidationError

    from monitoring.models import YearLock
    from monitoring.services import indicator_value_save

    report = ReportFactory(status=Report.Status.READY, year=2024)
    assert services.report_publish(report=report, user=cast.staff).is_published
    assert YearLock.objects.filter(year=2024).exists()
    indicator = IndicatorFactory(code="L-1", name="Gesperrt", kind="output", level="land")
    with pytest.raises(ValidationError):
        indicator_value_save(
            value=IndicatorValueFactory.build(indicator=indicator, year=2024, value=1)
        )


def test_rerendering_creates_a_new_version_and_keeps_the_published_file(
    cast, django_capture_on_commit_callbacks
):
    published = ReportFactory(status=Report.Status.PUBLISHED, year=2025)
    before = published.file.read()
    published.file.close()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.report_request(year=2025, user=cast.staff)
    new.refresh_from_db()
    published.refresh_from_db()
    assert new.pk != published.pk
    assert new.number == published.number + 1
    assert new.file.name != published.file.name
    assert published.status == Report.Status.PUBLISHED
    assert published.file.read() == before
    published.file.close()


def test_staff_upload_a_legacy_report_with_metadata(client, cast):
    client_for(client, cast.staff)
    content = tiny_pdf(pages=3)
    response = client.post(
        reverse("reports:legacy_upload"),
        {
            "year": 2018,
            "title": "Monitoringbericht RIS Thüringen 2018",
            "description": "Herausgegeben vom ThCM",
            "file": SimpleUploadedFile("bericht-2018.pdf", content, "application/pdf"),
            "publish": "on",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(kind=Report.Kind.LEGACY)
    assert (report.year, report.pages, report.size) == (2018, 3, len(content))
    assert report.status == Report.Status.PUBLISHED
    import hashlib

    assert report.sha256 == hashlib.sha256(content).hexdigest()
    client.logout()
    assert (
        "Monitoringbericht RIS Thüringen 2018"
        in client.get(reverse("reports:download_centre")).content.decode()
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Dies ist keine PDF-Datei", "keine PDF-Datei"),
        (b"%PDF-1.7\n kaputt", "beschädigt"),
    ],
)
def test_it_rejects_uploads_that_are_not_real_pdfs(client, cast, content, message):
    client_for(client, cast.staff)
    response = client.post(
        reverse("reports:legacy_upload"),
        {
            "year": 2018,
            "title": "Bericht",
            "file": SimpleUploadedFile("x.pdf", content, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_render_report_command_writes_a_pdf(cast, tmp_path):
    target = tmp_path / "bericht.pdf"
    out = io.StringIO()
    call_command("render_report", "--year", "2025", "--output", str(target), stdout=out)
    reader = PdfReader(target)
    assert len(reader.pages) >= 5
    assert "Seiten" in out.getvalue()
    assert reader.metadata.title == "Monitoringbericht 2025"


def test_render_report_command_is_available_from_the_shell():
    result = subprocess.run(
        [sys.executable, "manage.py", "render_report", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--year" in result.stdout and "--output" in result.stdout
