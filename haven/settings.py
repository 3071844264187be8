"""Haven's one settings module. Everything comes from the environment.

Defaults give a laptop run (SQLite, local outbox) with no configuration.
Production (HAVEN_DEBUG off) refuses to start without its secrets: see
vault/checks.py (system checks, also run when haven/wsgi.py is imported).
"""

from pathlib import Path
from typing import Any

import dj_database_url

from haven.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    env_trusted_proxies,
    read_local_secrets,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HAVEN_VAR_DIR", str(BASE_DIR / "var")))
DEBUG = env_bool("HAVEN_DEBUG", False)
# A laptop run keeps its secrets in var/secrets.json (made by haven_init).
# Anywhere else secrets come only from the environment: a file beside the
# database ends up in its backups, and whoever holds a backup would hold the
# pepper too. So with HAVEN_DEBUG off the file is never read.
LOCAL_SECRETS_FILE = VAR_DIR / "secrets.json"
_local = read_local_secrets(LOCAL_SECRETS_FILE) if DEBUG else {}


def _secret(name: str) -> str:
    return env_str(name) or _local.get(name, "")


SECRET_KEY = _secret("HAVEN_SECRET_KEY")
# Mixed into every passphrase-derived key; never stored in the database.
HAVEN_PEPPER = _secret("HAVEN_PEPPER")
# Server keys seal the little data the server must read while the person is
# away. "id:base64key" pairs, comma separated; the first one seals.
HAVEN_SERVER_KEYS = _secret("HAVEN_SERVER_KEYS")
# Ed25519 seeds that sign each record's hash chain ("id:base64seed", comma
# separated; the first signs, all verify). See records/signing.py.
HAVEN_RECORDS_SIGNING_KEYS = _secret("HAVEN_RECORDS_SIGNING_KEYS")

ALLOWED_HOSTS = env_list("HAVEN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("HAVEN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "core",
    "vault",
    "accounts",
    "dashboard",
    "plan",
    "guide",
    "assess",
    "resources",
    "scripts",
    "money",
    "newsletter",
    "inspire",
    "circle",
    "community",
    "records",
    "journal",
    "mood",
    "nocontact",
]

MIDDLEWARE = [
    "core.middleware.FrontDoorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vault.middleware.VaultMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.DiscreetModeMiddleware",
    "circle.middleware.SeenMiddleware",
    "core.middleware.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "haven.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "haven.wsgi.application"

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
                "core.context_processors.haven",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'haven.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while the web server reads; IMMEDIATE avoids
    # "database is locked" upgrades inside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Persistent connections on every database: opening one (and, on SQLite,
# running the PRAGMAs above) cost more than a whole cheap request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("HAVEN_DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"

_redis = env_str("REDIS_URL")
# Three caches, so that what anyone can fill never pushes out what protects
# people: "limits" holds the rate-limit counts (sign-in guesses, sign-ups,
# emails asked for) and nothing else; "pictures" holds drawn image cards;
# "default" is for everything else.
CACHES: dict[str, dict[str, Any]]
if _redis:
    CACHES = {
        name: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _redis,
            "KEY_PREFIX": name,
        }
        for name in ("default", "limits", "pictures")
    }
else:
    # Shared by every process on one machine (web server and worker).
    # A database cache forgets a third of its entries when it is full, so the
    # counts' table is made large enough never to be full in practice.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "haven_cache",
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "haven_limits",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
        "pictures": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "haven_pictures",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        },
    }

# Public pages served to visitors without a session (core.middleware): kept in
# each process's memory, never shared, so serving one asks nothing of a database.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "hv_s"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_NAME = "hv_c"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"

SECURE = env_bool("HAVEN_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("HAVEN_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 63072000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: Chromium sends "Origin: null" on same-site
# POSTs under no-referrer, which CSRF protection must refuse. Other sites
# (the quick-exit site included) still receive no referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

PASSWORD_HASHERS = [
    # Only operators (Django admin) have Django passwords; members sign in
    # through the vault.
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

TASKS = {
    "default": {
        "BACKEND": env_str("HAVEN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Mail: laptop runs hand mail over SMTP to the local outbox server
# (manage.py outbox_smtpd), which files it where operators can read it.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("HAVEN_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("HAVEN_EMAIL_PORT", 8025)
EMAIL_HOST_USER = env_str("HAVEN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("HAVEN_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("HAVEN_EMAIL_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("HAVEN_FROM_EMAIL", "Notes <notes@localhost>")
HAVEN_OUTBOX_DIR = VAR_DIR / "outbox"
# Where links in emails point (a contact's page, a reminder's check-in).
HAVEN_SITE_URL = env_str("HAVEN_SITE_URL", "http://127.0.0.1:8000")

# The newsletter: where links in emails point, its neutral sender, where
# bounces and mailto unsubscribes go, and the provider webhooks' password.
HAVEN_SITE_URL = env_str("HAVEN_SITE_URL", "http://127.0.0.1:8000")
HAVEN_NEWSLETTER_FROM = env_str("HAVEN_NEWSLETTER_FROM", DEFAULT_FROM_EMAIL)
HAVEN_NEWSLETTER_BOUNCES = env_str("HAVEN_NEWSLETTER_BOUNCES", HAVEN_NEWSLETTER_FROM)
HAVEN_NEWSLETTER_UNSUBSCRIBE_MAILBOX = env_str(
    "HAVEN_NEWSLETTER_UNSUBSCRIBE_MAILBOX", "unsubscribe@localhost"
)
HAVEN_NEWSLETTER_LEASE_SECONDS = env_int("HAVEN_NEWSLETTER_LEASE_SECONDS", 120)
HAVEN_NEWSLETTER_RETRIES = env_int("HAVEN_NEWSLETTER_RETRIES", 5)
# SMTP pipelining (RFC 2920) where the relay offers it: fewer round trips a message.
HAVEN_NEWSLETTER_PIPELINING = env_bool("HAVEN_NEWSLETTER_PIPELINING", True)
HAVEN_NEWSLETTER_RETRY_PAUSE = env_int("HAVEN_NEWSLETTER_RETRY_PAUSE_MS", 1000) / 1000
# "user:password" the mail provider's bounce and complaint webhooks send; unset, they answer 404.
ANYMAIL = {"WEBHOOK_SECRET": env_str("HAVEN_MAIL_WEBHOOK_SECRET")}

# Argon2id for passphrases: RFC 9106's second recommended option by default.
HAVEN_ARGON2 = {
    "memory_kib": env_int("HAVEN_ARGON2_MEMORY_KIB", 65536),
    "time_cost": env_int("HAVEN_ARGON2_TIME", 3),
    "parallelism": env_int("HAVEN_ARGON2_LANES", 4),
}
# How many Argon2id runs may hold their memory at once on this machine (0: as
# many as 256 MiB allows, at most one per core), and how long a sign-in waits
# for one before hearing that Haven is busy (vault/gate.py).
HAVEN_ARGON2_CONCURRENCY = env_int("HAVEN_ARGON2_CONCURRENCY", 0)
HAVEN_ARGON2_WAIT_SECONDS = env_int("HAVEN_ARGON2_WAIT_MS", 2000) / 1000
# Argon2id runs that may start each second on this machine (vault.gate); 0: three per core.
HAVEN_ARGON2_PER_SECOND = env_int("HAVEN_ARGON2_PER_SECOND", 0)
HAVEN_SIGNIN_LIMIT_PER_NAME = env_int("HAVEN_SIGNIN_LIMIT_PER_NAME", 5)
HAVEN_SIGNIN_LIMIT_PER_ADDRESS = env_int("HAVEN_SIGNIN_LIMIT_PER_ADDRESS", 20)
HAVEN_SIGNIN_WINDOW_SECONDS = env_int("HAVEN_SIGNIN_WINDOW_SECONDS", 15 * 60)
HAVEN_TOTP_LIMIT_PER_ACCOUNT = env_int("HAVEN_TOTP_LIMIT_PER_ACCOUNT", 10)
# Reverse proxies in front of Haven: a count, or their addresses. Only then is
# the visitor's address read from X-Forwarded-For (for per-address limits).
HAVEN_TRUSTED_PROXIES = env_trusted_proxies("HAVEN_TRUSTED_PROXIES")
HAVEN_DEFAULT_EXIT_URL = env_str("HAVEN_DEFAULT_EXIT_URL", "https://www.bbc.com/weather")

# The debug error page hides settings, request headers and local variables
# whose names look secret; Haven's pepper, keys and passphrases included.
DEFAULT_EXCEPTION_REPORTER_FILTER = "haven.errors.HiddenSecretsFilter"

LOG_LEVEL = env_str("HAVEN_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request lines can carry paths; keep the noisy ones at warning.
        "django.server": {"level": "WARNING"},
        # aiosmtpd narrates every connection of the local outbox.
        "mail.log": {"level": "WARNING"},
        # fpdf2's font subsetting lists the glyphs used: that would tell which
        # characters a person typed into their safety plan.
        "fontTools": {"level": "WARNING"},
        "fpdf": {"level": "WARNING"},
    },
}
HAVEN_HOME_URL = "/home/"
# A laptop run serves static files straight from the apps.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
