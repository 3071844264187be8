"""Attacks on small leaks: a planted quick-exit cookie, logs that name a decoy
or a duress sign-in, secrets read from beside the database in production, and
the debug error page showing the pepper."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.views.debug import technical_500_response

from accounts import actions
from accounts.models import User
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member
from core import exits

ROOT = Path(__file__).resolve().parent.parent


# The quick-exit cookie


@pytest.mark.django_db
@pytest.mark.parametrize(
    "planted",
    [
        "https://tracker.example/?who=robin",
        "https://www.bbc.com.evil.example/weather",
        "https://www.bbc.com/weather/../../phish",
        "javascript:alert(1)",
    ],
)
def test_a_planted_quick_exit_cookie_sends_no_one_anywhere_unlisted(planted):
    client = Client()
    client.cookies[exits.COOKIE_NAME] = planted
    response = client.get("/x/")
    assert response.status_code == 302
    assert response["Location"] == settings.HAVEN_DEFAULT_EXIT_URL
    assert planted not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("listed", [url for url, _label in exits.CHOICES])
def test_a_listed_neutral_site_in_the_cookie_is_still_used(listed):
    client = Client()
    client.cookies[exits.COOKIE_NAME] = listed
    assert client.get("/x/")["Location"] == listed


def test_an_unlisted_site_is_never_remembered():
    from django.http import HttpResponse

    response = HttpResponse()
    exits.remember(response, "https://tracker.example/")
    assert exits.COOKIE_NAME not in response.cookies
    exits.remember(response, exits.CHOICES[0][0])
    assert response.cookies[exits.COOKIE_NAME].value == exits.CHOICES[0][0]


# Logs


@pytest.mark.django_db
def test_signing_in_under_duress_leaves_no_trace_of_a_decoy_or_duress_in_the_logs(caplog):
    caplog.set_level(logging.DEBUG)
    member, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    decoy = actions.set_duress(member, dek, DURESS_PASSPHRASE)
    assert decoy.is_decoy
    caplog.clear()
    client = Client()
    response = client.post("/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE})
    assert response.status_code == 302
    client.get("/home/")
    duress_lines = caplog.text
    caplog.clear()
    real = Client()
    real.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    real.get("/home/")
    real_lines = caplog.text
    assert duress_lines.strip(), "the sign-in under duress logged nothing at all to compare"
    for text in (duress_lines, real_lines):
        assert str(decoy.pk) not in text
        assert decoy.username not in text
        assert "duress" not in text.lower()
        assert "decoy" not in text.lower()
    # Both sign-ins log the same member: a reader can't tell them apart.
    assert str(member.pk) in duress_lines
    assert str(member.pk) in real_lines
    assert User.objects.filter(decoy_for=member).count() == 1


# Secrets in production


def settings_seen_with(env_extra: dict, var_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HAVEN_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(env_extra, HAVEN_VAR_DIR=str(var_dir))
    script = (
        "import json, haven.settings as s; "
        "print(json.dumps([s.SECRET_KEY, s.HAVEN_PEPPER, s.HAVEN_SERVER_KEYS]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(zip(["key", "pepper", "server"], json.loads(out.stdout), strict=True))


def write_local_secrets(var_dir: Path) -> None:
    (var_dir / "secrets.json").write_text(
        json.dumps(
            {
                "HAVEN_SECRET_KEY": "from-the-file-key",
                "HAVEN_PEPPER": "from-the-file-pepper",
                "HAVEN_SERVER_KEYS": "k1:from-the-file-server",
            }
        )
    )


def test_in_production_secrets_beside_the_database_are_never_read(tmp_path):
    write_local_secrets(tmp_path)
    seen = settings_seen_with({"HAVEN_DEBUG": "0"}, tmp_path)
    assert seen == {"key": "", "pepper": "", "server": ""}


def test_in_production_secrets_come_from_the_environment(tmp_path):
    write_local_secrets(tmp_path)
    seen = settings_seen_with(
        {
            "HAVEN_DEBUG": "0",
            "HAVEN_SECRET_KEY": "env-key",
            "HAVEN_PEPPER": "env-pepper",
            "HAVEN_SERVER_KEYS": "k1:env-server",
        },
        tmp_path,
    )
    assert seen == {"key": "env-key", "pepper": "env-pepper", "server": "k1:env-server"}


def test_a_laptop_run_still_reads_its_local_secrets_file(tmp_path):
    write_local_secrets(tmp_path)
    seen = settings_seen_with({"HAVEN_DEBUG": "1"}, tmp_path)
    assert seen["pepper"] == "from-the-file-pepper"


# The debug error page


# Joined at run time, so the page's source excerpt can't contain the phrase.
PASSPHRASE_WORDS = ["copper", "kettle", "winter", "meadow"]


def crash_inside_the_vault(request):
    pepper = settings.HAVEN_PEPPER.encode()  # noqa: F841 (shown on the page if not hidden)
    dek = b"\x01" * 32  # noqa: F841
    passphrase = " ".join(PASSPHRASE_WORDS)  # noqa: F841
    raise RuntimeError("something broke")


def test_the_debug_error_page_never_shows_the_pepper_or_server_keys():
    request = RequestFactory().get(
        "/somewhere/",
        HAVEN_PEPPER=settings.HAVEN_PEPPER,
        HAVEN_SERVER_KEYS=settings.HAVEN_SERVER_KEYS,
    )
    try:
        crash_inside_the_vault(request)
    except RuntimeError:
        page = technical_500_response(request, *sys.exc_info()).content.decode()
    assert "something broke" in page  # it is the real debug page
    server_key = settings.HAVEN_SERVER_KEYS.split(":", 1)[1]
    for secret in (settings.HAVEN_PEPPER, server_key, settings.SECRET_KEY):
        assert secret not in page
        assert secret.encode().hex() not in page
    assert " ".join(PASSPHRASE_WORDS) not in page
    assert repr(b"\x01" * 32) not in page
    assert "HAVEN_PEPPER" in page  # the name is listed, its value hidden
