"""Settings of the bare ping: only what Django needs to answer a request."""

import os

SECRET_KEY = os.environ.get("HAVEN_SECRET_KEY", "bare-ping-bench-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.bare_ping.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
