"""Settings for the test suite: fixed throwaway secrets, tiny Argon2, mail in memory."""

import os
import tempfile

# Each test process gets its own folder for media, the outbox and the sign-in
# slots. Always a new one: parallel test workers inherit the environment of
# the process that started them, and must not share files.
os.environ["HAVEN_VAR_DIR"] = tempfile.mkdtemp(prefix="haven-test-")

from haven.settings import *  # noqa: E402,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
HAVEN_PEPPER = "dGVzdC1wZXBwZXItMzItYnl0ZXMtbG9uZy4uLi4uLi4="  # noqa: S105
HAVEN_SERVER_KEYS = "k1:c2VydmVyLWtleS10ZXN0LTMyLWJ5dGVzLWxvbmcuLi4="  # noqa: S105
HAVEN_RECORDS_SIGNING_KEYS = "t1:cmVjb3Jkcy1zaWduaW5nLXRlc3Qtc2VlZC0zMmJ5dGU="  # noqa: S105
SECURE = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
ALLOWED_HOSTS = ["*"]
HAVEN_ARGON2 = {"memory_kib": 64, "time_cost": 1, "parallelism": 1}
# Tests sign in many times a second; the storm tests set their own share.
HAVEN_ARGON2_PER_SECOND = 1_000_000
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in ("default", "limits", "pictures", "pages")
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # type: ignore[assignment]

# An on-disk test database, so the canary test can read the real file.
_db = DATABASES["default"]  # noqa: F405
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["TEST"] = {"NAME": os.path.join(os.environ["HAVEN_VAR_DIR"], "test.sqlite3")}
