"""A finished report is announced to its requester only while they may open a draft report.

Rendering runs in the background and can finish long after the request (a failed report that
another office member retries days later). Whoever asked for it may have left the office in
the meantime: the notice would carry the draft's title and link to a page that answers 404.
"""

import pytest
from django.contrib.auth.models import Group

from personal.models import Kind, Notification
from reports import services
from reports.models import Report
from ris_portal.roles import GROUP_STAFF
from tests.conftest import client_for
from tests.reports.factories import ReportFactory, tiny_pdf

pytestmark = pytest.mark.django_db


class _Rendered:
    content = tiny_pdf()
    sha256 = "0" * 64
    pages = size = 1


def _render(report, monkeypatch):
    monkeypatch.setattr(services, "render_report_pdf", lambda spec: _Rendered)
    assert services.report_render(report_id=report.pk) is not None
    report.refresh_from_db()
    assert report.status == Report.Status.READY


def test_the_requester_still_in_the_office_hears_that_the_report_is_ready(
    client, cast, monkeypatch
):
    report = ReportFactory(status=Report.Status.REQUESTED, requested_by=cast.staff)
    _render(report, monkeypatch)
    note = Notification.objects.get(kind=Kind.REPORT)
    assert note.user == cast.staff
    client_for(client, cast.staff)
    assert client.get(note.url).status_code == 200


def test_a_requester_who_left_the_office_is_not_told_of_the_draft(client, cast, monkeypatch):
    report = ReportFactory(status=Report.Status.REQUESTED, requested_by=cast.staff)
    cast.staff.groups.remove(Group.objects.get(name=GROUP_STAFF))  # left before it was done
    client_for(client, cast.staff)
    assert client.get(report.get_absolute_url()).status_code == 404  # the link would fail
    _render(report, monkeypatch)
    assert not Notification.objects.filter(kind=Kind.REPORT).exists()
