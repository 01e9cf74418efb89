from reports.models import Narrative, Report
from tests.matrix import DASHBOARD, PUBLIC, STAFF_ONLY, STAFF_ONLY_POST, Case, expect
from tests.reports.factories import NarrativeFactory, ReportFactory

# Drafts: the ministry, the steering committee and staff; others must not learn they exist.
DRAFT = expect(302, 404, 404, 200, 200, 200, 200)


# The office's assessments: the steering committee comments, staff and the committee post.
COMMENT_POST = expect(302, 403, 403, 302, 403, 302, 302)


def world(cast):
    narrative = NarrativeFactory(
        year=2024, chapter=Narrative.Chapter.FIELD, field=cast.field_a, text="Gut unterwegs."
    )
    return {
        "published": ReportFactory(status=Report.Status.PUBLISHED, year=2023),
        "draft": ReportFactory(status=Report.Status.READY, year=2024),
        "narrative": narrative,
    }


def _chapter(slug="feld-feld-a"):
    return lambda cast, world: {"kind": "jahresbericht", "year": 2024, "chapter": slug}


def _pk(key):
    return lambda cast, world: {"pk": world[key].pk}


CASES = [
    Case("reports:download_centre", PUBLIC),
    Case("reports:report_workspace", DASHBOARD),
    # Invalid form data: staff are sent back with an error (no rendering in the matrix).
    Case("reports:report_request", STAFF_ONLY_POST, method="post"),
    Case("reports:legacy_upload", STAFF_ONLY),
    Case("reports:report_detail", PUBLIC, kwargs=_pk("published"), label="published"),
    Case("reports:report_detail", DRAFT, kwargs=_pk("draft"), label="draft"),
    Case("reports:report_status", PUBLIC, kwargs=_pk("published"), label="published"),
    Case("reports:report_status", DRAFT, kwargs=_pk("draft"), label="draft"),
    Case("reports:report_download", PUBLIC, kwargs=_pk("published"), label="published"),
    Case("reports:report_download", DRAFT, kwargs=_pk("draft"), label="draft"),
    # A ready report cannot be retried: staff are redirected back with a message.
    Case("reports:report_retry", STAFF_ONLY_POST, kwargs=_pk("draft"), method="post"),
    Case("reports:report_publish", STAFF_ONLY, kwargs=_pk("draft")),
    Case("reports:narrative_overview", DASHBOARD, query="?jahr=2024"),
    Case("reports:narrative_chapter", DASHBOARD, kwargs=_chapter()),
    Case("reports:narrative_chapter", DASHBOARD, kwargs=_chapter("thueringen"), label="empty"),
    Case("reports:narrative_edit", STAFF_ONLY, kwargs=_chapter()),
    Case(
        "reports:narrative_comment",
        COMMENT_POST,
        kwargs=_chapter(),
        method="post",
        data=lambda cast, world: {"text": "Bitte den Absatz zu Wasserstoff kürzen."},
    ),
    Case("reports:narrative_history", DASHBOARD, kwargs=_pk("narrative")),
]
