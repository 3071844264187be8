"""Changing the passphrase, recovering, renewing the code, deleting everything."""

import pytest
from django.test import Client

from accounts.models import DuressEvent, User
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from plan.models import Reason
from tests.steps import shown_recovery_code
from vault.models import Keyring

pytestmark = pytest.mark.django_db

NEW = "harbour willow ginger planet"


def test_changing_the_passphrase_keeps_everything(owner_client):
    owner_client.post("/reasons/", {"text": "kept through the change"})
    response = owner_client.post(
        "/settings/passphrase/",
        {"current": OWNER_PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert response["Location"] == "/settings/"
    client = Client()
    old = client.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    assert old.status_code == 200
    client = signed_in_client(OWNER_NAME, NEW)
    assert "kept through the change" in client.get("/home/").content.decode()


def test_changing_needs_the_current_passphrase(owner_client):
    body = owner_client.post(
        "/settings/passphrase/",
        {"current": "not it", "new_passphrase": NEW, "new_passphrase_again": NEW},
    ).content.decode()
    assert "That passphrase isn" in body


def test_the_recovery_code_resets_the_passphrase_without_losing_data(db):
    _user, _dek, code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).post("/reasons/", {"text": "survives recovery"})
    client = Client()
    response = client.post(
        "/recover/",
        {
            "username": OWNER_NAME,
            "code": code,
            "new_passphrase": NEW,
            "new_passphrase_again": NEW,
        },
    )
    assert response["Location"] == "/recovery-code/"
    # A new code is issued and must be confirmed; the old one no longer works.
    page = client.get("/recovery-code/").content.decode()
    new_code = shown_recovery_code(page)
    assert new_code != code
    client.post("/recovery-code/", {"code": new_code})
    assert "survives recovery" in client.get("/home/").content.decode()
    reused = Client().post(
        "/recover/",
        {"username": OWNER_NAME, "code": code, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert "recovery code don" in reused.content.decode()


def test_a_wrong_recovery_code_does_not_reveal_whether_the_name_exists(owner):
    data = {"code": "AAAAA-BBBBB", "new_passphrase": NEW, "new_passphrase_again": NEW}
    known = Client().post("/recover/", {**data, "username": OWNER_NAME}).content.decode()
    unknown = Client().post("/recover/", {**data, "username": "nobody"}).content.decode()
    assert "recovery code don" in known and "recovery code don" in unknown


def test_a_new_recovery_code_needs_the_passphrase_and_replaces_the_old(db):
    _user, _dek, code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    wrong = client.post("/settings/recovery-code/", {"current": "nope"})
    assert "That passphrase isn" in wrong.content.decode()
    response = client.post("/settings/recovery-code/", {"current": OWNER_PASSPHRASE})
    assert response["Location"] == "/recovery-code/"
    page = client.get("/recovery-code/").content.decode()
    assert code not in page


def test_deleting_asks_for_the_passphrase_and_the_tick(owner_client):
    body = owner_client.post("/settings/delete/", {"current": OWNER_PASSPHRASE}).content.decode()
    assert "Please tick the box" in body
    assert User.objects.filter(username=OWNER_NAME).exists()


def test_deleting_removes_the_account_its_decoy_and_everything_sealed(owner_client):
    owner_client.post("/reasons/", {"text": "gone with the account"})
    owner_client.post(
        "/settings/duress/",
        {
            "current": OWNER_PASSPHRASE,
            "duress": DURESS_PASSPHRASE,
            "duress_again": DURESS_PASSPHRASE,
        },
    )
    Client().post("/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE})
    assert User.objects.count() == 2 and DuressEvent.objects.count() == 1
    response = owner_client.post(
        "/settings/delete/", {"current": OWNER_PASSPHRASE, "understood": "on"}
    )
    assert response["Location"] == "/"
    assert User.objects.count() == 0
    assert Reason.objects.count() == 0
    assert Keyring.objects.count() == 0
    assert DuressEvent.objects.count() == 0
    assert owner_client.get("/home/")["Location"].startswith("/sign-in/")


def test_the_decoy_cannot_delete_the_real_account(owner_client):
    owner_client.post(
        "/settings/duress/",
        {
            "current": OWNER_PASSPHRASE,
            "duress": DURESS_PASSPHRASE,
            "duress_again": DURESS_PASSPHRASE,
        },
    )
    decoy_client = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    for attempt in (OWNER_PASSPHRASE, DURESS_PASSPHRASE):
        decoy_client.post("/settings/delete/", {"current": attempt, "understood": "on"})
    assert User.objects.filter(username=OWNER_NAME).exists()


def test_discreet_mode_renames_every_page_and_sticks_to_the_device(owner_client):
    owner_client.post(
        "/settings/",
        {"auto_lock_minutes": "15", "exit_url": "https://www.bbc.com/weather", "discreet": "notes"},
    )
    page = owner_client.get("/home/").content.decode()
    assert "<title>Notes</title>" in page
    assert "notes.svg" in page
    assert "Haven" not in page.split("</head>")[0]
    manifest = owner_client.get("/manifest.webmanifest").json()
    assert manifest["name"] == "Notes"
    owner_client.post("/sign-out/")
    assert "<title>Notes</title>" in owner_client.get("/sign-in/").content.decode()
    assert owner_client.cookies["hv_d"].value == "notes"


def test_discreet_mode_comes_back_on_sign_in_on_a_new_device(owner_client):
    owner_client.post(
        "/settings/",
        {
            "auto_lock_minutes": "15",
            "exit_url": "https://www.bbc.com/weather",
            "discreet": "recipes",
        },
    )
    fresh = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    assert "<title>Recipes</title>" in fresh.get("/home/").content.decode()


def test_settings_say_where_the_discreet_choice_is_kept_and_it_is_so(owner_client):
    settings_page = owner_client.get("/settings/").content.decode()
    assert "These choices are saved with your account" in settings_page
    assert "This browser keeps it after you sign out" in settings_page
    assert "Another phone or computer changes the next time you sign in on it" in settings_page

    laptop = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    choose = {"auto_lock_minutes": "15", "exit_url": "https://www.bbc.com/weather"}
    owner_client.post("/settings/", {**choose, "discreet": "notes"})
    # Saved with the account: the laptop is unchanged until it signs in again.
    assert "<title>Notes</title>" not in laptop.get("/home/").content.decode()
    laptop.post("/sign-out/")
    laptop.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    assert "<title>Notes</title>" in laptop.get("/home/").content.decode()
    # Kept by this browser after signing out.
    laptop.post("/sign-out/")
    assert "<title>Notes</title>" in laptop.get("/sign-in/").content.decode()

    # Under the disguise the same truths are told in plain words.
    plain = owner_client.get("/settings/").content.decode()
    assert "This browser keeps it after you sign out" in plain
    assert "Haven" not in plain.split("<main")[1]
