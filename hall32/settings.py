"""Hall 32 settings: one module, every value read from the environment.

`make run` writes a .env file with the embedded defaults (SQLite, console e-mail, local http);
production gives the environment itself and gets safe defaults (DEBUG off, secure cookies, HSTS).
"""

from __future__ import annotations

import os
import warnings
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from hall32 import env

BASE_DIR = Path(__file__).resolve().parent.parent
env.load_dotenv(os.environ.get("HALL32_ENV_FILE", BASE_DIR / ".env"))

try:
    DEBUG = env.get_bool("DEBUG", False)
    DATABASES = {"default": env.database(env.get_str("DATABASE_URL"), base_dir=BASE_DIR)}
    SECRET_KEY = env.get_str("SECRET_KEY") or ""
    if not SECRET_KEY:
        if not DEBUG:
            raise env.ConfigError("SECRET_KEY n'est pas définie (obligatoire hors DEBUG)")
        SECRET_KEY = "dev-only-insecure-key-hall32-never-use-in-production-0123456789"
    ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])
    REDIS_URL = env.get_str("REDIS_URL") or ""
    EMAIL = env.email(env.get_str("EMAIL_URL", "console://" if DEBUG else None))
    SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", not DEBUG)
    # Session and CSRF cookies sent over https only; `make run` on http://127.0.0.1 turns it off.
    SECURE_COOKIES = env.get_bool("SECURE_COOKIES", not DEBUG)
    SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
    SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", False)
    BEHIND_PROXY = env.get_bool("BEHIND_PROXY", False)
    STATIC_MANIFEST = env.get_bool("STATIC_MANIFEST", not DEBUG)
    LOG_LEVEL = (env.get_str("LOG_LEVEL", "INFO") or "INFO").upper()
    SITE_URL = (env.get_str("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
    # Facts of the hub, not of the software: the school year it opened (lists, statistics and the
    # API's accepted years start there) and the last school year of its published results.
    HUB_FIRST_SCHOOL_YEAR = env.get_int("HUB_FIRST_SCHOOL_YEAR", 2019)
    HUB_PUBLISHED_RESULTS_LAST_YEAR = env.get_int("HUB_PUBLISHED_RESULTS_LAST_YEAR", 2022)
    if HUB_PUBLISHED_RESULTS_LAST_YEAR < HUB_FIRST_SCHOOL_YEAR:
        raise env.ConfigError(
            f"HUB_PUBLISHED_RESULTS_LAST_YEAR={HUB_PUBLISHED_RESULTS_LAST_YEAR} précède "
            f"HUB_FIRST_SCHOOL_YEAR={HUB_FIRST_SCHOOL_YEAR}"
        )
    # The hub's own organisation (the training centre on the contracts, the issuer of the quotes),
    # found by its UAI, which does not change when the name is written another way.
    HUB_UAI = (env.get_str("HUB_UAI", "0632032S") or "").strip().upper()
except env.ConfigError as error:
    env.fail(str(error))

globals().update(EMAIL)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "Hall 32 <ne-pas-repondre@hall32.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "hall32.core.admin_site.Hall32AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_htmx",
    "rules",
    "axes",
    "hall32.core",
    "hall32.web",
    "hall32.outreach",
    "hall32.training",
    "hall32.industry",
    "hall32.network",
    "hall32.impact",
    "hall32.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hall32.core.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hall32.urls"
WSGI_APPLICATION = "hall32.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hall32" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hall32.web.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    }
]
FORM_RENDERER = "hall32.web.renderer.BootstrapFormRenderer"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = 1 if BEHIND_PROXY else 0

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hall32" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["hall32.formats"]  # one date format per language (hall32/formats/<lang>)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "hall32" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if WHITENOISE_USE_FINDERS:
    # The files come from the finders: STATIC_ROOT (collectstatic's output) need not exist.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
# Files served at the site root, for the clients that ask without reading the page (/favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "hall32" / "public"
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis in production; on the embedded default tasks run eagerly, in process.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_AGE = 60 * 60 * 10
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest project deliverable a client or an engineer may upload (MiB); see web.uploads.
HALL32_DELIVERABLE_MAX_MB = env.get_int("DELIVERABLE_MAX_MB", 20)

# Logs never carry personal data: no request bodies, no user names, only ids and paths.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No secret link (class bookings, applications, calendar feeds) in any log line, and a refused
    # request (403, 400) as one WARNING line with its path, without a traceback.
    "filters": {
        "secrets": {"()": "hall32.core.logs.RedactSecrets"},
        "client_errors": {"()": "hall32.core.logs.ClientErrorWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["secrets", "client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers for "django" would print each line a second time (in DEBUG):
        # its records go to the root handler only.
        "django": {"level": LOG_LEVEL},
        "django.request": {"filters": ["client_errors"]},
        # runserver's access log, through the same filtered handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        # WeasyPrint narrates each rendering step at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
HALL32_DEMO_PASSWORD = env.get_str("DEMO_PASSWORD", "hall32-demo")

# Periodic jobs (celery beat in production; `manage.py send_event_reminders` from cron works too).
CELERY_BEAT_SCHEDULE = {
    "outreach-reminders": {"task": "hall32.outreach.tasks.send_reminders", "schedule": 60 * 60 * 6},
    "training-contract-alerts": {
        "task": "hall32.training.tasks.send_contract_alerts",
        "schedule": 60 * 60 * 24 * 7,
    },
    "industry-maintenance-windows": {
        "task": "hall32.industry.tasks.extend_maintenance",
        "schedule": 60 * 60 * 24,
    },
}

# contacts: follow-up tasks' reminders, every morning at 07:00 Paris time (CELERY_TIMEZONE).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["network-task-reminders"] = {
    "task": "hall32.network.tasks.send_task_reminders",
    "schedule": crontab(hour=7, minute=0),
}
# contacts end
