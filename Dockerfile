# Production image: gunicorn (web) and celery (worker) share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Production by default: no debug pages, no development key (the process refuses to start
# without SECRET_KEY and ALLOWED_HOSTS), tasks through Celery (REDIS_URL required in compose).
ENV DEBUG=False
# WeasyPrint needs Pango/HarfBuzz; gettext for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN useradd --system --home /app ris && mkdir -p /srv/ris/media /srv/ris/static \
 && chown -R ris /srv/ris
# collectstatic needs no secrets: run it with throw-away values at build time.
RUN DEBUG=False SECRET_KEY=build-only ALLOWED_HOSTS=localhost STATIC_ROOT=/srv/ris/static \
    python manage.py collectstatic --noinput

USER ris
EXPOSE 8000
# Worker count, timeouts and request limits: gunicorn.conf.py (GUNICORN_* variables).
CMD ["gunicorn", "ris_portal.wsgi:application", "--config", "gunicorn.conf.py"]
