"""A Celery consumer that survives losing Redis while it holds an unacknowledged message.

With acks_late, the worker always holds one unacknowledged message while a job runs (and right
after it starts: the start-up sweep). If Redis goes away at that moment, Celery 5.7 first
collects the broken connection (which detaches the transport from it) and then closes it;
closing the channel tries to put the unacknowledged message back into Redis, kombu asks the
detached transport for the host name and raises ``AttributeError`` ("'NoneType' object has no
attribute 'hostname'"). That error is not a connection error, so the worker process exits
("Unrecoverable error") instead of reconnecting: seen in bench/faults.py, every time Redis
stopped while a message was unacknowledged (`redis-worker-start`, `redis-mid-render`).

Nothing is lost by not restoring the message at that moment: the database row is the job
record (ris_portal/jobs.py), the sweep re-enqueues a job whose message vanished, and Redis
itself hands the unacknowledged message out again after the visibility timeout (a job that is
already done ignores it). So the failed clean-up is logged and the consumer reconnects as it
does for every other connection loss.

Configured through ``CELERY_WORKER_CONSUMER`` in the settings.
"""

from __future__ import annotations

import logging

from celery.worker.consumer import Consumer as CeleryConsumer

logger = logging.getLogger(__name__)


class Consumer(CeleryConsumer):
    def on_connection_error_after_connected(self, exc):
        try:
            super().on_connection_error_after_connected(exc)
        except AttributeError as error:
            # Only the clean-up of the lost connection failed (see the module docstring);
            # Celery has already dropped the connection, so the restart below reconnects.
            logger.warning(
                "Closing the lost broker connection failed (%s); reconnecting anyway. "
                "Unacknowledged messages come back after the visibility timeout; the jobs "
                "themselves are driven by their database rows and the sweep.",
                error,
            )
            logger.debug("Clean-up error after the broker connection was lost", exc_info=True)
            self.connection = None
