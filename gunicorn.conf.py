"""Gunicorn settings for the web container (read automatically from the working directory).

Every value can be overridden with GUNICORN_* variables; see docs/betrieb.md for sizing.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Request size limits at the HTTP layer: request line, number and size of header fields.
# Bodies are limited by Django before they are read (ris_portal/security.py) and should also be
# limited by the reverse proxy (nginx: client_max_body_size 110m).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Heartbeat files in memory, not on a possibly slow container file system.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "") else None
