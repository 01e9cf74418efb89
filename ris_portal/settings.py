"""Settings for the RIS-Portal Thüringen.

One module, every knob read from the environment (see `.env.example` and the README table).
Without any variable the embedded setup runs: SQLite under `var/`, tasks in-process,
local-memory cache, e-mail to the console, DEBUG on. `DATABASE_URL` switches to PostgreSQL,
`REDIS_URL` to Celery with Redis as broker and Redis as cache.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str = "") -> str:
    """Return a variable; `NAME_FILE` (a mounted secret) wins over `NAME`."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    # An empty value (e.g. `${VAR:-}` in docker-compose) counts as unset.
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean strictly: a typo must stop the boot, not silently mean False."""
    raw = env(name, "true" if default else "false").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false).")


def env_int(name: str, default: int) -> int:
    raw = env(name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate `postgres://user:pass@host:port/name?opt=val` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            # Re-check pooled connections so a restarted PostgreSQL does not yield 500s.
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
            "TEST": {"NAME": env("DB_TEST_NAME", "test_ris_portal")},
        }
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path or ":memory:"}
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported.")


def redis_url_for_test_worker(url: str, worker: str) -> str:
    """The Redis URL of one parallel test process (pytest-xdist worker `gwN`): database base+N.

    The processes of `make test` share one Redis server. Each gets its own database, so that a
    Celery worker started by one test never takes another process's tasks and a cache probe or
    clear in one process never touches the other's keys. The test database gets `_gwN`
    appended by pytest-django in the same way.
    """
    parsed = urlparse(url)
    base = int(parsed.path.lstrip("/") or 0)
    number = base + int(worker.removeprefix("gw"))
    if number > 15:
        raise ImproperlyConfigured(
            f"Test worker {worker} would use Redis database {number}; Redis has 16 (0-15) by "
            "default. Run fewer test processes (TEST_PROCESSES) or a lower database in REDIS_URL."
        )
    return parsed._replace(path=f"/{number}").geturl()


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=False.")
    # Development only: a fixed, obviously insecure key so sessions survive restarts.
    SECRET_KEY = "django-insecure-ris-portal-development-only-key-change-me-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=False.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "ris_portal",
    "fields",
    "governance",
    "monitoring",
    "reports",
    "thread",
    # Above the domain apps: they read through the domain selectors and write through services.
    "api",
    "opendata",
    "personal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ris_portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads the body (CSRF reads request.POST in process_view).
    "ris_portal.security.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ris_portal.middleware.RequireStaffMfaMiddleware",
    # After MessageMiddleware: renders (and so consumes) the messages before they are stored.
    "ris_portal.middleware.HtmxMessagesMiddleware",
]

ROOT_URLCONF = "ris_portal.urls"
WSGI_APPLICATION = "ris_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ris_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "db.sqlite3",
            # WAL: the request and the embedded task thread read while the other writes;
            # NORMAL: a commit does not wait for the disk (safe with WAL, may lose the last
            # commits on a power cut, not on a crash of the process).
            "OPTIONS": {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Tests use a file too, not SQLite's shared in-memory database: there a background
            # thread (the embedded task runner) and the request meet a table lock that fails at
            # once ("database table is locked") instead of waiting `timeout` as in `make run`.
            "TEST": {"NAME": BASE_DIR / "var" / "test_db.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL and env("PYTEST_XDIST_WORKER"):
    # Only in parallel test runs (`make test`); see redis_url_for_test_worker.
    REDIS_URL = redis_url_for_test_worker(REDIS_URL, env("PYTEST_XDIST_WORKER"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to a per-process cache while Redis is down (ris_portal/cache.py).
            "BACKEND": "ris_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ris",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None  # Job state lives in our own tables, not in a result backend.
# Without a broker the same task code runs in-process, synchronously.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
# A job is acknowledged only after it ran, and requeued if the worker process dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Reconnect even when Redis vanishes while the worker holds an unacknowledged message (a
# kombu clean-up error would otherwise end the worker process; see ris_portal/celery_consumer.py).
CELERY_WORKER_CONSUMER = "ris_portal.celery_consumer:Consumer"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Fail fast when Redis is away while publishing a job (the row waits, the sweep retries).
CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = 2
CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] = 5
# Durable jobs (ris_portal.jobs): a claimed job is leased for JOB_LEASE_SECONDS and renewed
# while it runs; a killed worker's job is taken over once the lease expires. The sweep
# re-enqueues jobs whose message is older than JOB_REQUEUE_AFTER_SECONDS (broker was down,
# Redis restarted) and runs every JOB_SWEEP_INTERVAL_SECONDS.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 60)
JOB_REQUEUE_AFTER_SECONDS = env_int("JOB_REQUEUE_AFTER_SECONDS", 120)
JOB_SWEEP_INTERVAL_SECONDS = env_int("JOB_SWEEP_INTERVAL_SECONDS", 60)
JOB_SWEEP_BATCH = 500
# Without a broker, tasks run in a thread beside the request (not inside it), so that the page
# answers at once and shows the same progress as with Celery. Tests turn this off.
RIS_TASKS_IN_THREAD = env_bool("TASKS_IN_THREAD", not REDIS_URL)
# Reports (reports app) and e-mails: optional dedicated queues for their workers.
REPORTS_QUEUE = env("REPORTS_QUEUE")
MAIL_QUEUE = env("MAIL_QUEUE")
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)

# --- Authentication (django-allauth) --------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# After login everybody lands on "Meine Aufgaben" (what waits for them), not the public home.
LOGIN_REDIRECT_URL = "personal:tasks"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "ris_portal.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "ris_portal.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"  # Accounts only come from staff invitations.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RIS-Portal] "
ACCOUNT_RATE_LIMITS = {
    # Generous per address (one NAT may hold a whole office); wrong passwords are slowed down
    # by growing delays per account and address instead of a lock (ris_portal/login_throttle).
    "login": "60/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0 = use REMOTE_ADDR).
# Rate limits (allauth's and ours) count per client address, so this must match the set-up.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Login throttling: (failures without delay, longest delay in seconds) per account and per
# client address; after the free failures each failure doubles the wait (1, 2, 4, … s).
RIS_LOGIN_THROTTLE = {"account": (3, 60), "address": (20, 300)}
# Public forms that send e-mail: (posts, seconds) per client address (ris_portal.ratelimit).
RIS_RATE_LIMITS = {
    "forum_registration": (10, 3600),
    "accessibility_feedback": (5, 3600),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RIS-Portal Thüringen"
# Staff (and superusers) must set up TOTP before they may use the portal; on in production.
RIS_REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", not DEBUG)

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if env_bool("S3_ENABLED", False):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "region_name": env("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
# Files are served only through permission-checked views (ris_portal/files.py). Behind nginx,
# set FILES_ACCEL_REDIRECT to the prefix of an `internal` location aliased to MEDIA_ROOT, and
# the web server sends the file (header X-Accel-Redirect; X-Sendfile for Apache/lighttpd).
FILES_ACCEL_REDIRECT = env("FILES_ACCEL_REDIRECT")
FILES_SENDFILE_HEADER = env("FILES_SENDFILE_HEADER", "X-Accel-Redirect")
# Request bodies (ris_portal/security.py): anonymous visitors post short forms only; logged-in
# staff upload legacy report PDFs of up to 100 MB.
RIS_MAX_ANONYMOUS_BODY = env_int("MAX_ANONYMOUS_BODY", 1024 * 1024)
RIS_MAX_REQUEST_BODY = env_int("MAX_REQUEST_BODY", 110 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "RIS-Portal Thüringen <noreply@ris-portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Accessibility feedback (BGG §12b) and other staff notices go here.
STAFF_NOTIFY_EMAIL = env("STAFF_NOTIFY_EMAIL", "ris-geschaeftsstelle@ris-portal.example")
# Local hour (0–23) from which the daily digest of notifications is sent.
NOTIFICATION_DIGEST_HOUR = env_int("NOTIFICATION_DIGEST_HOUR", 7)

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every rendering step at INFO; only problems are worth a line.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Portal -----------------------------------------------------------------------------------
# The responsible ministry has been renamed before; it is configuration, not code.
RIS_MINISTRY_NAME = env(
    "RIS_MINISTRY_NAME",
    "Thüringer Ministerium für Wirtschaft, Wissenschaft und Digitale Gesellschaft",
)
PAGINATE_BY = 25
# Largest spreadsheet accepted by the import (bytes).
RIS_IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
FORM_RENDERER = "ris_portal.form_rendering.KernFormRenderer"


# --- API and open data (apps `api`, `opendata`; docs/offene-daten.md) --------------------------
REST_FRAMEWORK = {
    # Tokens only (no session): API clients are tools, and a token-only API has no CSRF surface.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyUnlessScoped"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RIS-Portal Thüringen – API",
    "DESCRIPTION": (
        "Öffentliche, lesende Schnittstelle des RIS-Portals Thüringen (Regionale "
        "Innovationsstrategie). Mit einem Zugangstoken lesen Geschäftsstelle, Ministerium und "
        "Statistisches Landesamt, was ihre Rolle auch im Portal sieht; das Statistische "
        "Landesamt und die Geschäftsstelle liefern Indikatorwerte."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a "status" or "kind": one named enum per choice set.
    "ENUM_NAME_OVERRIDES": {
        "ThemeStatusEnum": "fields.models.Theme.Status",
        "RoadmapStatusEnum": "fields.models.Roadmap.Status",
        "MeasureStatusEnum": "fields.models.Measure.Status",
        "NeedStatusEnum": "fields.models.Need.Status",
        "NeedKindEnum": "fields.models.Need.Kind",
        "BodyKindEnum": "governance.models.Body.Kind",
        "MemberRoleEnum": "governance.models.Membership.Role",
        "DecisionOutcomeEnum": "governance.models.Decision.Outcome",
        "IndicatorKindEnum": "monitoring.models.Indicator.Kind",
        "IndicatorLevelEnum": "monitoring.models.Indicator.Level",
        "IndicatorDirectionEnum": "monitoring.models.Indicator.Direction",
        "IndicatorValueStatusEnum": "monitoring.models.IndicatorValue.Status",
        "ActivityKindEnum": "monitoring.models.Activity.Kind",
        "FundingSourceEnum": "monitoring.models.Activity.FundingSource",
        "ReportKindEnum": "reports.models.Report.Kind",
        "ReportStatusEnum": "reports.models.Report.Status",
    },
    "DISABLE_ERRORS_AND_WARNINGS": True,
}
# Requests per hour: anonymous clients per address, tokens per token; writes count extra.
API_RATE_LIMITS = {
    "anonymous": (env_int("API_RATE_LIMIT_ANONYMOUS", 600), 3600),
    "token": (env_int("API_RATE_LIMIT_TOKEN", 5000), 3600),
    "write": (env_int("API_RATE_LIMIT_WRITE", 1000), 3600),
}
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500
# Licence of the open data (DCAT-AP.de licence id, see opendata/licences.py); attribution text
# as the licence requires it. Default: Datenlizenz Deutschland – Namensnennung – Version 2.0.
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE", "dl-by-de/2.0")
OPEN_DATA_ATTRIBUTION = env(
    "OPEN_DATA_ATTRIBUTION", "RIS-Portal Thüringen, Thüringer ClusterManagement (LEG Thüringen)"
)
OPEN_DATA_PUBLISHER = env("OPEN_DATA_PUBLISHER", "LEG Thüringen – Thüringer ClusterManagement")
OPEN_DATA_PUBLISHER_URL = env("OPEN_DATA_PUBLISHER_URL", "https://www.leg-thueringen.de/")
# GovData contributor id (dcatde:contributorID), given by GovData on registration; optional.
OPEN_DATA_CONTRIBUTOR_ID = env("OPEN_DATA_CONTRIBUTOR_ID")
# Seconds to wait after a change before rebuilding (a burst of edits gives one build).
OPEN_DATA_REBUILD_DELAY = env_int("OPEN_DATA_REBUILD_DELAY", 10)
# Rebuild when public data changes (off only for bulk maintenance; the nightly rebuild remains).
OPEN_DATA_AUTO_REBUILD = env_bool("OPEN_DATA_AUTO_REBUILD", True)
