"""Security headers on every kind of page, size limits before the body is read, and templates
that a CSP without 'unsafe-inline' can serve."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reports.models import Report
from tests.conftest import client_for
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR)


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize(
    ("role", "url_name", "kwargs"),
    [
        ("anonymous", "home", {}),
        ("anonymous", "account_login", {}),
        ("anonymous", "accessibility", {}),
        ("anonymous", "healthz", {}),
        ("staff", "reports:report_workspace", {}),
        ("ministry", "reports:report_download", None),
    ],
)
def test_every_response_carries_the_security_headers(client, cast, role, url_name, kwargs):
    if kwargs is None:
        kwargs = {"pk": ReportFactory(status=Report.Status.READY).pk}
    client_for(client, cast.for_role(role))
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    policy = _csp(response)
    for directive in ("default-src", "script-src", "style-src"):
        assert policy[directive] == "'self'", directive
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_htmx_is_configured_to_inject_no_inline_style(client):
    page = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page


def _browser_templates():
    for path in BASE.glob("**/templates/**/*.html"):
        relative = path.relative_to(BASE).as_posix()
        if relative.startswith((".venv/", "var/")) or "/pdf/" in relative or "/emails/" in relative:
            continue  # PDFs are rendered by WeasyPrint, mails by mail clients: no CSP there
        yield relative, path.read_text(encoding="utf-8")


def test_templates_have_no_inline_scripts_styles_or_handlers():
    offenders = []
    for name, text in _browser_templates():
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{name}: inline <script>")
        if re.search(r"<style\b", text):
            offenders.append(f"{name}: <style>")
        if re.search(r"\sstyle=", text):
            offenders.append(f"{name}: style attribute")
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{name}: event handler attribute")
    assert offenders == []


def test_an_anonymous_oversized_post_is_refused_before_the_body_is_read(client):
    url = reverse("accessibility")
    response = client.post(url, {"message": "x"}, CONTENT_LENGTH=str(120 * 1024 * 1024))
    assert response.status_code == 413
    assert "zu groß" in response.content.decode()
    assert response["Connection"] == "close"


def test_logged_in_staff_may_upload_larger_files_than_anonymous_visitors(client, cast):
    client_for(client, cast.staff)
    url = reverse("reports:legacy_upload")
    # 2 MB (more than an anonymous visitor may send) pass the limit and reach the form.
    payload = {"title": "Bericht", "description": "x" * (2 * 1024 * 1024)}
    assert client.post(url, payload).status_code == 200
    too_big = str(settings.RIS_MAX_REQUEST_BODY + 1)
    assert client.post(url, {}, CONTENT_LENGTH=too_big).status_code == 413


def test_the_docker_image_defaults_to_production_settings():
    dockerfile = (BASE / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ENV DEBUG=False$", dockerfile, re.M)
    assert "SECRET_KEY=" not in dockerfile.replace("SECRET_KEY=build-only", "")
