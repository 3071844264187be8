"""A web worker loads the heavy libraries only when a page needs them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("fpdf", "fontTools", "zxcvbn", "PIL", "qrcode")

CHECK = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every app's URLs, and so every view module
import haven.urls
print(" ".join(name for name in sys.argv[1:] if name in sys.modules))
"""


def test_loading_every_view_imports_no_pdf_image_or_password_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "haven.settings_test"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK, *HEAVY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == []


def test_the_check_notices_a_heavy_import():
    """The same check, asked about a library every view does import."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "haven.settings_test"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK, "django.template", "argon2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["django.template", "argon2"]
