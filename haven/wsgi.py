"""The web server's entry point (gunicorn haven.wsgi).

Gunicorn runs no system checks, so the checks that guard the secrets run
here: without HAVEN_SECRET_KEY, HAVEN_PEPPER and HAVEN_SERVER_KEYS the web
server refuses to start, with a message naming what is missing, instead of
starting and failing on the first sign-in.
"""

import os

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haven.settings")
application = get_wsgi_application()


def _refuse_to_start_without_secrets() -> None:
    problems = [m for m in checks.run_checks(tags=[checks.Tags.security]) if m.is_serious()]
    if problems:
        lines = "\n".join(f"- {m.msg.rstrip('.')}. {m.hint or ''}".rstrip() for m in problems)
        raise ImproperlyConfigured(f"Haven will not start:\n{lines}")


_refuse_to_start_without_secrets()
