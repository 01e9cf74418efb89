import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fields.models import Need
from governance import services
from governance.models import ReviewResponse, ReviewRound
from tests.conftest import client_for
from tests.factories import MembershipFactory, NeedFactory, UserFactory
from tests.governance.factories import ReviewRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_a(cast):
    needs = [NeedFactory(theme__field=cast.field_a, title=f"Bedarf {n}") for n in range(1, 4)]
    return ReviewRoundFactory(body=cast.board_a, created_by=cast.staff, needs=needs)


def _answers(round_, scores, conflict_on=None):
    items = list(round_.items.order_by("order"))
    return {
        item.pk: {
            "score": None if item.pk == conflict_on else score,
            "conflict": item.pk == conflict_on,
            "comment": "",
        }
        for item, score in zip(items, scores, strict=True)
    }


def _post_data(round_, scores, conflict_index=None):
    data = {}
    for index, (item, score) in enumerate(zip(round_.items.order_by("order"), scores, strict=True)):
        if index == conflict_index:
            data[f"conflict_{item.pk}"] = "on"
        else:
            data[f"score_{item.pk}"] = str(score)
        data[f"comment_{item.pk}"] = ""
    return data


def test_it_hides_results_from_members_and_staff_until_the_round_closes(client, cast, round_a):
    other = UserFactory()
    MembershipFactory(body=cast.board_a, user=other)
    services.review_answers_save(round_=round_a, user=other, answers=_answers(round_a, [5, 4, 3]))

    for viewer in (cast.board, cast.staff, cast.ministry):
        client.logout()
        html = client_for(client, viewer).get(round_a.get_absolute_url()).content.decode()
        assert 'data-testid="results-table"' not in html
        assert 'data-testid="results-chart"' not in html
        assert "Mittelwert" not in html

    services.review_round_close(round_=round_a)
    client.logout()
    html = client_for(client, cast.board).get(round_a.get_absolute_url()).content.decode()
    assert 'data-testid="results-table"' in html
    assert 'data-testid="results-chart"' in html
    # SVG geometry must use "." decimals even on German pages ("74,4" breaks the chart).
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert not re.search(r'(?:x|y|x1|x2|width|height)="\d+,\d+"', svg), svg[:400]


def test_it_shows_staff_the_participation_live_without_scores(client, cast, round_a):
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 4, 3])
    )
    response = client_for(client, cast.staff).get(round_a.get_absolute_url())
    assert "1 von 1 Mitgliedern haben geantwortet." in response.content.decode()
    assert response.context["participation"] == [{"user": cast.board, "answered": True}]


def test_a_member_of_board_a_gets_404_for_a_round_of_board_b(client, cast):
    round_b = ReviewRoundFactory(
        body=cast.board_b, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_b)]
    )
    client_for(client, cast.board)
    assert client.get(round_b.get_absolute_url()).status_code == 404
    item = round_b.items.get()
    response = client.post(round_b.get_absolute_url(), {f"score_{item.pk}": "5"})
    assert response.status_code == 404
    assert not ReviewResponse.objects.exists()


def test_it_saves_scores_and_a_conflict_of_interest_from_the_form(client, cast, round_a):
    client_for(client, cast.board)
    response = client.post(round_a.get_absolute_url(), _post_data(round_a, [5, 2, 0], 2))
    assert response.status_code == 302
    responses = {r.item.order: r for r in ReviewResponse.objects.select_related("item")}
    assert responses[1].score == 5
    assert responses[2].score == 2
    assert responses[3].conflict_of_interest and responses[3].score is None


def test_it_refuses_a_form_with_an_unscored_item(client, cast, round_a):
    client_for(client, cast.board)
    data = _post_data(round_a, [5, 2, 1])
    first = round_a.items.order_by("order").first()
    del data[f"score_{first.pk}"]
    response = client.post(round_a.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Bitte bewerten Sie diesen Punkt" in response.content.decode()
    assert not ReviewResponse.objects.exists()


def test_members_can_change_their_answers_until_the_deadline(cast, round_a):
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [1, 1, 1])
    )
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 5, 5])
    )
    assert sorted(ReviewResponse.objects.values_list("score", flat=True)) == [5, 5, 5]
    with time_machine.travel(round_a.deadline + datetime.timedelta(minutes=1)):
        with pytest.raises(ValidationError):
            services.review_answers_save(
                round_=round_a, user=cast.board, answers=_answers(round_a, [2, 2, 2])
            )
    assert sorted(ReviewResponse.objects.values_list("score", flat=True)) == [5, 5, 5]


def test_non_members_cannot_answer(cast, round_a):
    with pytest.raises(ValidationError):
        services.review_answers_save(
            round_=round_a, user=cast.staff, answers=_answers(round_a, [1, 2, 3])
        )


def test_closing_aggregates_per_item_and_writes_need_priorities_with_history(cast, round_a):
    second, third = UserFactory(), UserFactory()
    MembershipFactory(body=cast.board_a, user=second)
    MembershipFactory(body=cast.board_a, user=third)
    items = list(round_a.items.order_by("order"))
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 2, 4])
    )
    services.review_answers_save(round_=round_a, user=second, answers=_answers(round_a, [4, 2, 1]))
    services.review_answers_save(
        round_=round_a,
        user=third,
        answers=_answers(round_a, [2, 0, 1], conflict_on=items[1].pk),
    )

    services.review_round_close(round_=round_a, closed_by=cast.staff)

    round_a.refresh_from_db()
    assert round_a.status == ReviewRound.Status.CLOSED
    first, middle, last = (round_a.items.get(pk=item.pk) for item in items)
    assert (first.score_count, first.mean, first.median) == (3, Decimal("3.67"), Decimal("4.0"))
    assert first.spread == Decimal("1.25")  # population SD of 5, 4, 2
    assert (middle.score_count, middle.conflict_count, middle.mean) == (2, 1, Decimal("2.00"))
    assert middle.spread == Decimal("0.00")
    assert (last.mean, last.median) == (Decimal("2.00"), Decimal("1.0"))
    # Closing changes no priority: staff take them over in an explicit step.
    assert Need.objects.get(pk=items[0].need_id).priority is None
    services.review_priorities_apply(round_=round_a, applied_by=cast.staff)
    need = Need.objects.get(pk=items[0].need_id)
    assert need.priority == Decimal("3.67")
    latest = need.history.first()
    assert latest.priority == Decimal("3.67")
    assert round_a.title in latest.history_change_reason


def test_closing_twice_is_refused(cast, round_a):
    services.review_round_close(round_=round_a, reason="Ferienzeit")
    with pytest.raises(ValidationError):
        services.review_round_close(round_=ReviewRound.objects.get(pk=round_a.pk))


def test_closing_needs_a_confirmation_step(client, cast, round_a):
    client_for(client, cast.staff)
    url = reverse("governance:review_close", kwargs={"pk": round_a.pk})
    assert "Runde abschließen" in client.get(url).content.decode()
    round_a.refresh_from_db()
    assert round_a.is_open
    # Nobody answered (below the participation quorum): closing takes a reason.
    client.post(url, {"version": round_a.version, "reason": "Frist abgelaufen"})
    round_a.refresh_from_db()
    assert not round_a.is_open


def test_opening_a_round_refuses_needs_of_another_field(cast):
    with pytest.raises(ValidationError):
        services.review_round_open(
            body=cast.board_a,
            title="Runde",
            deadline=timezone.now() + datetime.timedelta(days=7),
            created_by=cast.staff,
            needs=[NeedFactory(theme__field=cast.field_b)],
        )


def test_staff_open_a_round_through_the_form(client, cast):
    need = NeedFactory(theme__field=cast.field_a)
    NeedFactory(theme__field=cast.field_b, title="Fremder Bedarf")
    client_for(client, cast.staff)
    url = reverse("governance:review_create", kwargs={"slug": cast.board_a.slug})
    page = client.get(url).content.decode()
    assert need.title in page and "Fremder Bedarf" not in page
    deadline = timezone.localtime() + datetime.timedelta(days=5)
    response = client.post(
        url,
        {"title": "Runde", "deadline": deadline.strftime("%Y-%m-%dT%H:%M"), "needs": [need.pk]},
    )
    round_ = ReviewRound.objects.get()
    assert response["Location"] == round_.get_absolute_url()
    assert list(round_.items.values_list("need_id", flat=True)) == [need.pk]


def test_reminders_go_once_to_members_without_answers_48h_before_the_deadline(
    cast, round_a, django_capture_on_commit_callbacks
):
    silent = UserFactory(email="still@example.org", username="still@example.org")
    MembershipFactory(body=cast.board_a, user=silent)
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [3, 3, 3])
    )

    assert services.review_reminders_send(now=round_a.deadline - datetime.timedelta(hours=49)) == 0
    assert mail.outbox == []
    now = round_a.deadline - datetime.timedelta(hours=47)
    # Queued in the outbox with the claim of the round, sent once that commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.review_reminders_send(now=now) == 1
    assert [m.to for m in mail.outbox] == [["still@example.org"]]
    assert round_a.title in mail.outbox[0].subject
    assert services.review_reminders_send(now=now + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_the_reminder_command_sends_due_reminders(
    cast, round_a, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with time_machine.travel(round_a.deadline - datetime.timedelta(hours=24)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_review_reminders")
    assert [m.to for m in mail.outbox] == [[cast.board.email]]


def test_the_reminder_task_is_scheduled_in_celery_beat():
    from ris_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"governance.send_review_reminders", "governance.purge_forum_registrations"} <= tasks


def test_closing_below_the_participation_quorum_needs_a_reason(client, cast, round_a):
    for _i in range(3):
        MembershipFactory(body=cast.board_a)  # 4 members, quorum 50 % = 2 answers
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 4, 3])
    )
    client_for(client, cast.staff)
    url = reverse("governance:review_close", kwargs={"pk": round_a.pk})
    page = client.get(url).content.decode()
    assert "1 von 4 Mitgliedern" in page and "nicht erreicht" in page
    refused = client.post(url, {"version": round_a.version})
    assert refused.status_code == 200 and "Bitte begründen Sie" in refused.content.decode()
    assert ReviewRound.objects.get(pk=round_a.pk).is_open
    client.post(url, {"version": round_a.version, "reason": "Sitzung steht bevor."})
    round_a.refresh_from_db()
    assert not round_a.is_open
    assert (round_a.answered_at_close, round_a.members_at_close) == (1, 4)
    assert round_a.close_reason == "Sitzung steht bevor."
    assert "Sitzung steht bevor." in client.get(round_a.get_absolute_url()).content.decode()


def test_staff_take_over_priorities_after_a_preview(client, cast, round_a):
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 4, 3])
    )
    services.review_round_close(round_=round_a, closed_by=cast.staff)
    first_need = round_a.items.order_by("order").first().need
    client_for(client, cast.staff)
    url = reverse("governance:review_apply", kwargs={"pk": round_a.pk})
    preview = client.get(url).content.decode()
    assert 'data-testid="priority-preview"' in preview and "5,00" in preview
    assert Need.objects.get(pk=first_need.pk).priority is None  # the preview writes nothing
    round_a.refresh_from_db()
    assert client.post(url, {"version": round_a.version}).status_code == 302
    assert Need.objects.get(pk=first_need.pk).priority == Decimal("5.00")
    round_a.refresh_from_db()
    assert round_a.priorities_applied_by == cast.staff
    assert client.get(url).status_code == 404  # only once
    with pytest.raises(ValidationError):
        services.review_priorities_apply(round_=round_a, applied_by=cast.staff)


def test_results_export_as_csv_and_xlsx_with_links_and_escaped_text(client, cast, round_a):
    import io

    import openpyxl

    item = round_a.items.order_by("order").first()
    Need.objects.filter(pk=item.need_id).update(title="=HYPERLINK(1)")
    services.review_answers_save(
        round_=round_a, user=cast.board, answers=_answers(round_a, [5, 4, 3])
    )
    client_for(client, cast.board)
    csv_url = reverse("governance:review_export", kwargs={"pk": round_a.pk, "fmt": "csv"})
    assert client.get(csv_url).status_code == 404  # no results before the close
    services.review_round_close(round_=round_a, closed_by=cast.staff)
    text = client.get(csv_url).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ";1;0;5;5;0;" in text
    assert item.need.get_absolute_url() in text
    xlsx = client.get(reverse("governance:review_export", kwargs={"pk": round_a.pk, "fmt": "xlsx"}))
    assert xlsx["Content-Disposition"] == f'attachment; filename="priorisierung-{round_a.pk}.xlsx"'
    assert xlsx["X-Content-Type-Options"] == "nosniff"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Ergebnis"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Gegenstand" and rows[1][1] == "'=HYPERLINK(1)" and rows[1][5] == 5.0
    # A format the portal does not write is no file (it used to answer with a CSV).
    pdf = reverse("governance:review_export", kwargs={"pk": round_a.pk, "fmt": "pdf"})
    assert client.get(pdf).status_code == 404
    page = client.get(round_a.get_absolute_url()).content.decode()
    assert f'href="{item.need.get_absolute_url()}"' in page
    client.logout()
    client_for(client, cast.steering)
    assert client.get(csv_url).status_code == 404  # not the steering committee's board
