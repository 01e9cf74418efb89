"""Every corpus file gives a correct import or a clear German error; never a 500 or partial import.

Each file goes through the three entry points: the service, the staff UI and the CLI.
"""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from fields.models import Actor
from monitoring.models import Activity, ImportBatch, IndicatorValue
from monitoring.services import import_batch_confirm, import_batch_create
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.monitoring.factories import YearLockFactory

from .corpus import CORPUS

pytestmark = pytest.mark.django_db

MODELS = {"activities": Activity, "indicator-values": IndicatorValue, "actors": Actor}


@pytest.fixture
def corpus_world(cast):
    IndicatorFactory(code="COR-1")
    return cast


def _prepare(settings, item):
    for key, value in item.settings.items():
        setattr(settings, key, value)
    for year in item.locked_years:
        YearLockFactory(year=year)


def _snapshot():
    return (
        Activity.objects.count(),
        IndicatorValue.objects.count(),
        Actor.objects.count(),
        ImportBatch.objects.count(),
    )


def test_it_has_at_least_25_bad_or_awkward_files():
    assert len(CORPUS) >= 25
    assert len({item.id for item in CORPUS}) == len(CORPUS)
    assert sum(1 for item in CORPUS if not item.ok) >= 20


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_it_imports_or_rejects_each_corpus_file_through_the_service(corpus_world, settings, item):
    _prepare(settings, item)
    before = _snapshot()
    batch, preview = import_batch_create(
        kind=item.kind, file_name=item.name, content=item.content(), user=corpus_world.staff
    )
    if item.ok:
        assert preview.is_valid, preview.error_messages
        batch = import_batch_confirm(batch=batch, user=corpus_world.staff)
        assert batch.new_count == item.new
        assert MODELS[item.kind].objects.count() == before[list(MODELS).index(item.kind)] + item.new
    else:
        assert batch is None
        messages = " ".join(preview.error_messages)
        assert item.error in messages
        assert _snapshot() == before


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_it_answers_each_corpus_file_in_the_staff_ui_without_a_500(
    client, corpus_world, settings, item
):
    _prepare(settings, item)
    client_for(client, corpus_world.staff)
    before = _snapshot()
    response = client.post(
        reverse("monitoring:import"),
        {"kind": item.kind, "file": SimpleUploadedFile(item.name, item.content())},
    )
    if item.ok:
        assert response.status_code == 302
        batch = ImportBatch.objects.get()
        assert response["Location"] == batch.get_absolute_url()
        preview_page = client.get(response["Location"])
        assert preview_page.status_code == 200
        assert "Import bestätigen" in preview_page.content.decode()
        client.post(reverse("monitoring:import_confirm", kwargs={"pk": batch.pk}))
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.IMPORTED
        assert batch.new_count == item.new
    else:
        assert response.status_code == 200
        page = response.content.decode()
        assert "es wurde nichts importiert" in page
        assert item.error in unescape(page)
        assert _snapshot() == before


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.id)
def test_it_answers_each_corpus_file_on_the_command_line(
    corpus_world, settings, tmp_path, capsys, item
):
    _prepare(settings, item)
    path = tmp_path / item.name
    path.write_bytes(item.content())
    before = _snapshot()
    if item.ok:
        call_command("import_records", item.kind, str(path))
        out = capsys.readouterr().out
        assert f"{item.new} neu" in out
    else:
        with pytest.raises(SystemExit) as exit_info:
            call_command("import_records", item.kind, str(path))
        assert exit_info.value.code == 1
        captured = capsys.readouterr()
        assert "es wurde nichts importiert" in captured.err
        assert item.error in captured.err
        assert "Traceback" not in captured.err
        assert _snapshot() == before


def test_openpyxl_refuses_an_entity_bomb_even_without_our_pre_check(monkeypatch):
    # Defence in depth: if the DOCTYPE scan ever missed a file, openpyxl parses through
    # defusedxml (a dependency) and fails instead of expanding the entities.
    from monitoring import importing

    bomb = next(item for item in CORPUS if item.id == "xml-entity-bomb")
    monkeypatch.setattr(importing, "_check_no_dtd", lambda content: None)
    with pytest.raises(importing.ImportFileError, match="kann nicht gelesen werden") as refused:
        importing._read_xlsx(bomb.content())
    # Refused by defusedxml at the declaration, not merely by expat's amplification limit.
    assert type(refused.value.__cause__.__cause__).__name__ == "EntitiesForbidden"
