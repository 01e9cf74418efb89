"""The shared mechanisms: optimistic locking with a readable conflict, history and restore."""

import threading

import pytest
from django.apps import apps
from django.db import connection

from fields.models import Theme
from ris_portal.concurrency import ConcurrentEditError, save_versioned
from ris_portal.history import changes_between, history_entries, restore_version
from ris_portal.models import VersionedModel
from tests.factories import ThemeFactory, UserFactory


@pytest.mark.django_db
def test_second_of_two_edits_from_the_same_version_is_refused():
    theme = ThemeFactory(name="Optik")
    first = Theme.objects.get(pk=theme.pk)
    second = Theme.objects.get(pk=theme.pk)
    first.description = "Neue Beschreibung"
    save_versioned(first, expected_version=1)
    second.name = "Photonik"
    with pytest.raises(ConcurrentEditError) as error:
        save_versioned(second, expected_version=1)
    assert (error.value.current.version, error.value.expected_version) == (2, 1)
    changes = changes_between(error.value.current, error.value.expected_version)
    assert [c.field for c in changes] == ["description"]
    assert changes[0].new == "Neue Beschreibung"
    theme.refresh_from_db()
    assert (theme.name, theme.description, theme.version) == ("Optik", "Neue Beschreibung", 2)


@pytest.mark.django_db
def test_history_records_who_when_what_and_restore_brings_back_old_text(django_user_model):
    from simple_history.utils import update_change_reason  # noqa: F401 - ensures app loaded

    editor = UserFactory(username="editor@example.org")
    theme = ThemeFactory(name="Sensorik", description="Alt")
    theme._history_user = editor
    theme.description = "Neu"
    save_versioned(theme, expected_version=1)
    entries = history_entries(theme)
    assert entries[0].record.history_user == editor
    assert [(c.field, c.old, c.new) for c in entries[0].changes] == [("description", "Alt", "Neu")]
    assert "<del" in entries[0].changes[0].diff_html and "<ins" in entries[0].changes[0].diff_html

    oldest = entries[-1].record
    restore_version(theme, history_id=oldest.history_id, expected_version=2)
    theme.refresh_from_db()
    assert theme.description == "Alt"
    assert theme.version == 3
    assert history_entries(theme)[0].record.history_change_reason.startswith("Wiederhergestellt")


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_in_two_connections_never_both_win():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs this)")
    theme = ThemeFactory(name="Robotik")
    barrier = threading.Barrier(2)
    outcomes = []

    def edit(text):
        from django.db import connections

        try:
            obj = Theme.objects.get(pk=theme.pk)
            obj.description = text
            barrier.wait()
            save_versioned(obj, expected_version=1)
            outcomes.append("saved")
        except ConcurrentEditError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    theme.refresh_from_db()
    assert theme.version == 2


def test_every_versioned_model_keeps_history_and_its_named_many_to_many_fields():
    """`VersionedModel` declares the history once (inherit=True); no subclass can lose it."""
    versioned = [model for model in apps.get_models() if issubclass(model, VersionedModel)]
    assert len(versioned) >= 26
    for model in versioned:
        assert getattr(model._meta, "simple_history_manager_attribute", None) == "history", model
        tracked = {field.name for field in model.history.model._history_m2m_fields}
        assert tracked == set(getattr(model, "_history_m2m_fields", [])), model
    assert {f.name for f in Theme.history.model._history_m2m_fields} == {
        "related_fields",
        "potentials",
    }
