"""Settings for Samverkansportalen.

Every setting is read from the environment through one ``environ.Env``. With nothing set the
portal runs locally on SQLite with Celery eager; production sets DATABASE_URL, REDIS_URL,
SECRET_KEY and ALLOWED_HOSTS, and refuses to start without a SECRET_KEY when DEBUG is off.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only"  # noqa: S105 - local runs only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "samverkan.axes_swedish.AxesConfig",
    "django_otp",
    "samverkan.otp_swedish.TotpConfig",
    "csp",
    "samverkan",
    "samverkan.reminders",
    "samverkan.about",
    "samverkan.accounts",
    "agreements",
    "indicators",
    "meetings",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "search",
    "history",
    "api",
]

MIDDLEWARE = [
    "samverkan.security.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "samverkan.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samverkan.second_factor.AdminSecondFactorMiddleware",
    "samverkan.security.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication, so that its Swedish 400 page shows the portal's menu.
    "samverkan.middleware.RefuseNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "history.security.RefusedAccessMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverkan.context_processors.portal",
                "samverkan.reminders.context_processors.notices",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a connection for a minute, but test it before each request or task reuses it, so a
# restarted PostgreSQL costs the requests made while it is down and nothing after.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "samverkan.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "samverkan.security.SwedishCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on (OIDC_*), the administrators' second factor (OTP_*) and django-axes'
# lockout (AXES_*): settings_login.py.
from .settings_login import *  # noqa: E402, F403

if OIDC_RP_CLIENT_ID:  # noqa: F405
    AUTHENTICATION_BACKENDS.append("samverkan.sso.PortalOIDCBackend")

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A form's text fields may hold 100,000 characters each (samverkan.concurrency); a few such
# texts, percent-encoded (6 bytes for a Swedish letter), must reach the form so
# a too-long text is refused at its field, in Swedish, with the text kept. Django's 2.5 MB
# answered an English "Bad Request (400)" and lost the text.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=16 * 1024 * 1024)
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Samverkansportalen <noreply@samverkansportalen.se>"
)

# The portal's seal on signed PDFs: a PKCS#12 file and its password. Local runs use a
# self-signed demo certificate (`manage.py ensure_demo_certificate`, called by `make run`).
SIGNING_CERT_PATH = env.str("SIGNING_CERT_PATH", default=str(BASE_DIR / "var" / "demo-seal.p12"))
SIGNING_CERT_PASSWORD = env.str("SIGNING_CERT_PASSWORD", default="demo-seal" if DEBUG else "")
# Agreements in force, with their signed PDFs, are public documents readable without login.
PUBLIC_REGISTER = env.bool("PUBLIC_REGISTER", default=True)
# The contact line in the footer of signed PDFs.
PDF_CONTACT_LINE = env.str(
    "PDF_CONTACT_LINE",
    default="Samverkansportalen · registrator@samverkansportalen.se · {site}/verifiera/",
)

# Celery: with no REDIS_URL tasks run eagerly in-process, so a local run needs no broker.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only when it has finished, so a worker that dies hands its task back
# (with Redis: after the visibility timeout). Tasks must be idempotent; ours are.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The web never waits long for a broker that is down: a few quick tries, then the caller
# logs the failure and the sweep (queue.sweep, every few minutes) hands the row over later.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # How soon Redis hands a killed worker's unacknowledged messages back. Longer than any
    # retry countdown (REMINDER_RETRY_BACKOFF_MAX_SECONDS) and any task (CELERY_TASK_TIME_LIMIT);
    # the sweep re-enqueues abandoned rows even sooner.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60),
    # How often a worker looks for messages of a dead worker to hand back (kombu's defaults;
    # the integration tests make it quick).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    "socket_connect_timeout": 3,
}
CELERY_BEAT_SCHEDULE = {
    # Signed agreements come into force on their start date; before the periods and the
    # reminders, which follow what is in force.
    "agreement-states": {
        "task": "agreements.agreement_states_update",
        "schedule": crontab(hour=5, minute=45),
        "options": {"expires": 6 * 3600},
    },
    # The half-year follow-up periods must exist before reminders are planned for them.
    "ensure-followup-periods": {
        "task": "indicators.followup_periods_ensure_all",
        "schedule": crontab(hour=6, minute=0),
        "options": {"expires": 6 * 3600},
    },
    # Daily at 06:15 Stockholm time, before the working day. Two beat processes by mistake
    # only plan twice, which adds nothing (see samverkan/reminders/planning.py).
    "plan-reminders": {
        "task": "reminders.plan",
        "schedule": crontab(hour=6, minute=15),
        "options": {"expires": 6 * 3600},
    },
    # Each morning's one e-mail for people who chose the daily digest, after the planning,
    # so the morning's reminders are in it. A second run the same day sends nothing again.
    "reminders-digest": {
        "task": "reminders.digest",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 6 * 3600},
    },
    # Login records (django-axes) older than LOGIN_RECORDS_RETENTION_DAYS are deleted, as
    # the personal data page says.
    "prune-login-records": {
        "task": "accounts.login_records_prune",
        "schedule": crontab(hour=3, minute=30),
        "options": {"expires": 6 * 3600},
    },
    # Once-only work left waiting (Redis was down) or abandoned by a dead worker is handed
    # over again (samverkan/queue.py). Idempotent, so an extra run does nothing.
    "queue-sweep": {
        "task": "queue.sweep",
        "schedule": env.float("QUEUE_SWEEP_INTERVAL_SECONDS", default=120.0),
        "options": {"expires": 60},
    },
}
# Waiting signed PDFs and Kolada runs older than this are enqueued again by the sweep.
QUEUE_REQUEUE_AFTER_SECONDS = env.int("QUEUE_REQUEUE_AFTER_SECONDS", default=5 * 60)
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "celerybeat-schedule")
)

# Reminders (samverkan/reminders): retries of a mail error with backoff, when a waiting
# reminder is handed to the worker again, and when a claim of a killed worker is abandoned
# (longer than the task's hard time limit, so no live attempt can still hold it).
# A temporary refusal (4xx, a refused connection) is retried for a day before the reminder
# is failed, every 30 s doubling up to 10 minutes.
REMINDER_RETRY_FOR_SECONDS = env.int("REMINDER_RETRY_FOR_SECONDS", default=24 * 3600)
REMINDER_RETRY_BACKOFF_SECONDS = env.float("REMINDER_RETRY_BACKOFF_SECONDS", default=30.0)
REMINDER_RETRY_BACKOFF_MAX_SECONDS = env.float(
    "REMINDER_RETRY_BACKOFF_MAX_SECONDS", default=10 * 60.0
)
REMINDER_REQUEUE_AFTER_SECONDS = env.int("REMINDER_REQUEUE_AFTER_SECONDS", default=30 * 60)
REMINDER_SENDING_STALE_SECONDS = env.int(
    "REMINDER_SENDING_STALE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60
)

# Kolada, the open database of municipal key figures (indicators with source "kolada").
KOLADA_BASE_URL = env.str("KOLADA_BASE_URL", default="https://api.kolada.se").rstrip("/")
KOLADA_TIMEOUT = env.float("KOLADA_TIMEOUT", default=20.0)  # seconds per request
KOLADA_RETRIES = env.int("KOLADA_RETRIES", default=2)  # extra attempts on 5xx and timeouts
KOLADA_RETRY_BACKOFF = env.float("KOLADA_RETRY_BACKOFF", default=1.0)  # seconds, doubled
KOLADA_API_VERSION = env.str("KOLADA_API_VERSION", default="v3")  # v3, or v2 (still read)
# As Kolada asks: at most about 20 municipalities in one call, about 5 requests a second.
KOLADA_BATCH_SIZE = env.int("KOLADA_BATCH_SIZE", default=20)
KOLADA_REQUESTS_PER_SECOND = env.float("KOLADA_REQUESTS_PER_SECOND", default=5.0)

# The read-only JSON API (api/): Django REST framework and its OpenAPI description.
from .settings_api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401

# Content Security Policy: everything is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# --- Production hardening (issue 10; OWASP ASVS level 2) ------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only. Behind a proxy that terminates TLS and itself redirects http to https (and sets
# X-Forwarded-Proto), SECURE_SSL_REDIRECT may be turned off; SECURE_HSTS_SECONDS=0 turns HSTS
# off where the proxy sends the header itself.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
# Sessions end after 30 idle minutes and 12 hours at most (SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=12 * 3600)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
# Browser features the portal never uses, denied by the Permissions-Policy header.
PERMISSIONS_POLICY_DENIED_FEATURES = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
# Password reset: at most this many requests per client address and per e-mail address.
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=5)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
# How long the link in an invitation e-mail can be used to choose a password.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=5)
# How long logins and failed logins (IP address, browser) are kept (samverkan/accounts).
LOGIN_RECORDS_RETENTION_DAYS = env.int("LOGIN_RECORDS_RETENTION_DAYS", default=90)
PASSWORD_RESET_LIMIT_PERIOD = env.int("PASSWORD_RESET_LIMIT_PERIOD", default=3600)
# Rate limits must be counted across all gunicorn workers: Redis when there is one.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samverkan",
        }
    }
CSRF_FAILURE_VIEW = "samverkan.security.csrf_failure"
# --- end of production hardening ------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
