"""The decoy holds up to the same tests as a real space (T2).

Whoever forced the duress passphrase may poke at everything the decoy offers
and compare it with an account of their own. Each test here is something a
real space does that the decoy once did differently.
"""

import re

import pytest
import time_machine
from django.test import Client

from accounts import actions
from accounts.models import DuressEvent, User
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from plan.models import Reason
from tests.steps import shown_recovery_code
from vault import crypto
from vault.box import Box

pytestmark = pytest.mark.django_db

NO_MATCH = "sign-in name and passphrase don"
FOOD = "https://www.bbc.com/food"
NEW = "harbour willow ginger planet"
INNER = "lilac tractor ocean ninety"
SEEDED = "Get to bed before eleven"


@pytest.fixture
def owner_with_duress(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    reason = Reason(owner=user)
    reason.text = Box(dek).seal(reason, "text", "my real reason")
    reason.save()
    actions.set_duress(user, dek, DURESS_PASSPHRASE)
    return user


def sign_in(client, name=OWNER_NAME, passphrase=OWNER_PASSPHRASE):
    return client.post("/sign-in/", {"username": name, "passphrase": passphrase})


def shown_code(response) -> str:
    code = shown_recovery_code(response.content.decode())
    assert code, response.content.decode()[:600]
    return code


def selected(page: str, value: str) -> bool:
    return re.search(rf'<option value="{re.escape(value)}" selected>', page) is not None


def test_a_duress_unlock_leaves_the_devices_settings_as_they_were(owner_with_duress):
    with time_machine.travel("2026-11-28 10:00", tick=False) as traveller:
        device = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        # Chosen after the duress passphrase was set.
        device.post("/settings/", {"auto_lock_minutes": "2", "exit_url": FOOD, "discreet": "notes"})
        device.post("/lock/")
        response = device.post("/unlock/", {"passphrase": DURESS_PASSPHRASE})
        assert response["Location"] == "/home/"
        assert device.cookies["hv_d"].value == "notes"
        home = device.get("/home/").content.decode()
        assert "<title>Notes</title>" in home
        assert "my real reason" not in home
        page = device.get("/settings/").content.decode()
        assert selected(page, "2") and selected(page, FOOD) and selected(page, "notes")
        assert device.get("/x/")["Location"] == FOOD
        device.post("/unlock/", {"passphrase": DURESS_PASSPHRASE})
        traveller.shift(3 * 60)  # the device's two minutes, not fifteen
        assert device.get("/home/")["Location"].startswith("/unlock/")


def test_settings_changed_in_the_decoy_are_the_devices_settings_too(owner_with_duress):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    decoy.post("/settings/", {"auto_lock_minutes": "5", "exit_url": FOOD, "discreet": "recipes"})
    # The person's own sign-in later changes nothing on the device either.
    real = Client()
    real.cookies["hv_d"] = "recipes"
    sign_in(real)
    assert real.cookies["hv_d"].value == "recipes"
    page = real.get("/settings/").content.decode()
    assert selected(page, "5") and selected(page, FOOD)


def test_a_recovery_code_shown_in_the_decoy_opens_the_decoy_at_recover(owner_with_duress):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    assert decoy.post("/settings/recovery-code/", {"current": DURESS_PASSPHRASE})["Location"] == (
        "/recovery-code/"
    )
    code = shown_code(decoy.get("/recovery-code/"))
    assert decoy.post("/recovery-code/", {"code": code})["Location"] == "/home/"

    later = Client()
    response = later.post(
        "/recover/",
        {"username": OWNER_NAME, "code": code, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert response["Location"] == "/recovery-code/"
    new_code = shown_code(later.get("/recovery-code/"))
    assert new_code != code
    assert later.post("/recovery-code/", {"code": new_code})["Location"] == "/home/"
    home = later.get("/home/").content.decode()
    assert SEEDED in home and "my real reason" not in home

    # The new passphrase opens the decoy; the real one still opens the real space.
    assert SEEDED in signed_in_client(OWNER_NAME, NEW).get("/home/").content.decode()
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    assert "my real reason" in real.get("/home/").content.decode()
    assert NO_MATCH in sign_in(Client(), passphrase=DURESS_PASSPHRASE).content.decode()


def test_a_duress_passphrase_set_in_the_decoy_opens_a_fresh_ordinary_space(owner_with_duress):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    decoy.post("/reasons/", {"text": "a goal kept in the decoy"})
    response = decoy.post(
        "/settings/duress/",
        {"current": DURESS_PASSPHRASE, "duress": INNER, "duress_again": INNER},
    )
    assert response["Location"] == "/settings/"
    assert "Your duress passphrase is set" in decoy.get("/settings/").content.decode()

    inner = Client()
    assert sign_in(inner, passphrase=INNER)["Location"] == "/home/"
    home = inner.get("/home/").content.decode()
    assert SEEDED in home
    assert "a goal kept in the decoy" not in home and "my real reason" not in home
    assert f"Welcome back, {OWNER_NAME}" in home

    # "Prepare my decoy space" in the decoy steps into that space, as in a real one.
    decoy.post("/settings/duress/prepare/")
    prepared = decoy.get("/home/").content.decode()
    assert "a goal kept in the decoy" not in prepared and SEEDED in prepared
    # Both the person's passphrases still do what they did.
    assert (
        "my real reason"
        in signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/home/").content.decode()
    )
    assert (
        "a goal kept in the decoy"
        in signed_in_client(OWNER_NAME, DURESS_PASSPHRASE).get("/reasons/").content.decode()
    )


def test_deleting_the_decoy_frees_the_name_as_a_real_deletion_would(owner_with_duress):
    real_elsewhere = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    response = decoy.post("/settings/delete/", {"current": DURESS_PASSPHRASE, "understood": "on"})
    assert response["Location"] == "/"
    assert decoy.get("/home/")["Location"].startswith("/sign-in/")
    assert NO_MATCH in sign_in(Client(), passphrase=DURESS_PASSPHRASE).content.decode()

    # Anyone may now take the name, as after a real deletion.
    taker = Client()
    strong = "quiet meadow copper lantern"
    taken = taker.post(
        "/start/",
        {"username": OWNER_NAME, "new_passphrase": strong, "new_passphrase_again": strong},
    )
    assert taken["Location"] == "/recovery-code/"

    # Every session of the real space ended, as a real deletion would end them.
    assert real_elsewhere.get("/home/")["Location"].startswith("/sign-in/")
    # But the person's real space is still theirs: same name, same passphrase.
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    home = real.get("/home/").content.decode()
    assert "my real reason" in home
    assert f"Welcome back, {OWNER_NAME}" in home
    assert (
        "my real reason" not in signed_in_client(OWNER_NAME, strong).get("/home/").content.decode()
    )


def test_in_the_decoy_key_changes_end_its_other_sessions_like_a_real_space(owner_with_duress):
    here = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    elsewhere = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    here.post(
        "/settings/passphrase/",
        {"current": DURESS_PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert elsewhere.get("/reasons/")["Location"].startswith("/sign-in/")
    assert here.get("/reasons/").status_code == 200


# Sign-in looks the same, whatever was typed


def shape(response):
    cookies = sorted(
        (name, morsel["httponly"], morsel["samesite"], morsel["max-age"] != "", morsel["path"])
        for name, morsel in response.cookies.items()
    )
    headers = sorted(name.lower() for name, _value in response.items())
    return response.status_code, response.get("Location"), headers, cookies


def test_real_and_duress_sign_ins_send_the_same_headers(owner_with_duress):
    assert shape(sign_in(Client())) == shape(sign_in(Client(), passphrase=DURESS_PASSPHRASE))
    real_browser, duress_browser = Client(), Client()
    for browser, passphrase in (
        (real_browser, OWNER_PASSPHRASE),
        (duress_browser, DURESS_PASSPHRASE),
    ):
        sign_in(browser, passphrase=passphrase)
        browser.post("/sign-out/")
    assert shape(sign_in(real_browser)) == shape(
        sign_in(duress_browser, passphrase=DURESS_PASSPHRASE)
    )
    assert shape(sign_in(Client(), passphrase="not it")) == shape(
        sign_in(Client(), name="nobody-here", passphrase="not it")
    )


def test_every_sign_in_costs_one_slow_passphrase_run(owner_with_duress, monkeypatch):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    decoy.post(
        "/settings/duress/", {"current": DURESS_PASSPHRASE, "duress": INNER, "duress_again": INNER}
    )
    runs = []
    real_argon2 = crypto.argon2id

    def counting(secret, salt, params):
        runs.append(salt)
        return real_argon2(secret, salt, params)

    monkeypatch.setattr(crypto, "argon2id", counting)
    for name, passphrase in (
        (OWNER_NAME, OWNER_PASSPHRASE),
        (OWNER_NAME, DURESS_PASSPHRASE),
        (OWNER_NAME, INNER),
        (OWNER_NAME, "not it at all"),
        ("nobody-here", "not it at all"),
    ):
        runs.clear()
        sign_in(Client(), name=name, passphrase=passphrase)
        assert len(runs) == 1, (name, passphrase)
    assert DuressEvent.objects.count() >= 1
    assert User.objects.filter(is_decoy=True).count() == 2


def test_no_sign_in_leaves_a_time_on_the_account_row(db):
    """A database reader must not learn when a space, or its decoy, was opened."""
    from accounts.actions import set_duress
    from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member
    from conftest import signed_in_client as sign_in

    member, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    set_duress(member, dek, DURESS_PASSPHRASE)
    sign_in(OWNER_NAME, OWNER_PASSPHRASE)
    sign_in(OWNER_NAME, DURESS_PASSPHRASE)
    from accounts.models import User

    assert list(User.objects.values_list("last_login", flat=True)) == [None, None]
