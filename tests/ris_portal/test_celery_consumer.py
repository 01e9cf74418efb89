"""The worker reconnects when Redis vanishes while it holds an unacknowledged message.

End to end this is `bench/faults.py redis-worker-start redis-mid-render` (a real Redis is
stopped under a real worker; before ris_portal/celery_consumer.py the worker process ended
with kombu's AttributeError every time). These tests pin the wiring and the contract: only
kombu's clean-up error is absorbed, the consumer is left without a connection so that Celery's
restart reconnects, and every other error still ends the worker as before.
"""

import logging

import pytest
from celery.worker.consumer import Consumer as CeleryConsumer

from ris_portal.celery import app
from ris_portal.celery_consumer import Consumer


def test_the_worker_uses_the_consumer_that_survives_a_failed_clean_up():
    assert app.conf.worker_consumer == "ris_portal.celery_consumer:Consumer"


def _consumer_whose_clean_up_raises(monkeypatch, error: Exception) -> Consumer:
    def clean_up(self, exc):
        # What Celery 5.7 does before kombu fails: it drops the connection, then closes it.
        self.connection = None
        raise error

    monkeypatch.setattr(CeleryConsumer, "on_connection_error_after_connected", clean_up)
    consumer = Consumer.__new__(Consumer)  # no worker around it: only the hook is exercised
    consumer.connection = object()
    return consumer


def test_kombus_clean_up_error_is_logged_and_the_consumer_reconnects(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="ris_portal.celery_consumer")
    consumer = _consumer_whose_clean_up_raises(
        monkeypatch, AttributeError("'NoneType' object has no attribute 'hostname'")
    )
    consumer.on_connection_error_after_connected(ConnectionError("Connection closed by server."))
    assert consumer.connection is None
    assert "reconnecting anyway" in caplog.text
    assert "hostname" in caplog.text


def test_other_errors_still_end_the_worker(monkeypatch):
    consumer = _consumer_whose_clean_up_raises(monkeypatch, RuntimeError("something else"))
    with pytest.raises(RuntimeError):
        consumer.on_connection_error_after_connected(ConnectionError("lost"))
