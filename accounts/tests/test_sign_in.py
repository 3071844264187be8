import re

import pyotp
import pytest
import time_machine
from django.test import Client, override_settings

from accounts import actions
from accounts.models import DuressEvent, User
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member
from plan.models import Reason
from vault import session as vault_session

pytestmark = pytest.mark.django_db

NO_MATCH = "sign-in name and passphrase don"


def sign_in(client, name=OWNER_NAME, passphrase=OWNER_PASSPHRASE):
    return client.post("/sign-in/", {"username": name, "passphrase": passphrase})


def test_signing_in_opens_the_space(owner):
    client = Client()
    response = sign_in(client)
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_a_wrong_passphrase_and_an_unknown_name_get_the_same_answer(owner):
    wrong = sign_in(Client(), passphrase="not my passphrase").content.decode()
    unknown = sign_in(Client(), name="nobody-here").content.decode()
    assert NO_MATCH in wrong and NO_MATCH in unknown
    assert 'value="robin"' in wrong  # the typed name is kept


def test_the_name_is_matched_whatever_its_case(owner):
    assert sign_in(Client(), name="  ROBIN ")["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guessing_is_limited_per_name_without_revealing_the_name_exists(owner):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        Client(REMOTE_ADDR=address).post(
            "/sign-in/", {"username": OWNER_NAME, "passphrase": "guess"}
        )
    blocked = Client(REMOTE_ADDR="10.0.0.9").post(
        "/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE}
    )
    assert "too many tries" in blocked.content.decode()
    for _ in range(3):
        Client().post("/sign-in/", {"username": "ghost", "passphrase": "guess"})
    ghost = Client(REMOTE_ADDR="10.0.0.8").post(
        "/sign-in/", {"username": "ghost", "passphrase": "guess"}
    )
    assert "too many tries" in ghost.content.decode()


@override_settings(HAVEN_SIGNIN_LIMIT_PER_ADDRESS=4)
def test_guessing_is_limited_per_address(owner):
    client = Client(REMOTE_ADDR="10.1.1.1")
    for n in range(4):
        client.post("/sign-in/", {"username": f"name{n}", "passphrase": "guess"})
    assert "too many tries" in sign_in(client).content.decode()
    assert sign_in(Client(REMOTE_ADDR="10.1.1.2"))["Location"] == "/home/"


def test_the_limit_lifts_after_the_window(owner):
    with time_machine.travel("2026-11-28 10:00", tick=False) as traveller:
        for _ in range(5):
            sign_in(Client(), passphrase="guess")
        assert "too many tries" in sign_in(Client()).content.decode()
        traveller.shift(16 * 60)
        assert sign_in(Client())["Location"] == "/home/"


def test_lock_closes_the_vault_and_the_passphrase_reopens_it(owner_client):
    owner_client.post("/reasons/", {"text": "behind the lock"})
    owner_client.post("/lock/")
    response = owner_client.get("/home/")
    assert response["Location"].startswith("/unlock/")
    reopened = owner_client.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})
    assert reopened.status_code == 302
    assert "behind the lock" in owner_client.get("/home/").content.decode()


def test_it_locks_itself_after_the_chosen_idle_time(owner):
    with time_machine.travel("2026-11-28 10:00", tick=False) as traveller:
        client = Client()
        sign_in(client)
        traveller.shift(14 * 60)
        assert client.get("/home/").status_code == 200
        traveller.shift(16 * 60)
        assert client.get("/home/")["Location"].startswith("/unlock/")


def test_an_idle_tab_does_not_lock_while_another_tab_is_in_use(owner):
    with time_machine.travel("2026-11-28 10:00", tick=False) as traveller:
        client = Client()
        sign_in(client)
        traveller.shift(10 * 60)
        client.post("/still-here/")  # the tab being typed in says so
        traveller.shift(6 * 60)  # the other tab's 15 minutes are up
        response = client.get("/unlock/?idle=1")
        assert response["Location"] == "/home/"
        assert client.get("/home/").status_code == 200
        traveller.shift(16 * 60)  # now nobody is here
        page = client.get("/unlock/?idle=1").content.decode()
        assert "locked itself after a quiet while" in page
        assert client.get("/home/")["Location"].startswith("/unlock/")


def test_the_idle_timer_in_the_page_locks_and_says_why(owner_client):
    response = owner_client.get("/lock/?idle=1")
    assert response["Location"] == "/unlock/?idle=1"
    page = owner_client.get(response["Location"]).content.decode()
    assert "locked itself after a quiet while" in page


def test_a_shorter_idle_time_can_be_chosen(owner_client):
    owner_client.post(
        "/settings/",
        {"auto_lock_minutes": "2", "exit_url": "https://www.bbc.com/weather", "discreet": ""},
    )
    assert User.objects.get(username=OWNER_NAME).auto_lock_minutes == 2


def test_sign_out_forgets_the_device(owner_client):
    owner_client.post("/sign-out/")
    assert owner_client.get("/home/")["Location"].startswith("/sign-in/")


def test_neither_the_session_nor_the_cookie_alone_opens_the_vault(owner_client):
    cookie = owner_client.cookies[vault_session.COOKIE_NAME].value
    assert owner_client.get("/home/").status_code == 200
    # The session alone: drop the key cookie.
    del owner_client.cookies[vault_session.COOKIE_NAME]
    assert owner_client.get("/home/")["Location"].startswith("/unlock/")
    # The cookie alone, in a fresh session: nothing either.
    stranger = Client()
    stranger.cookies[vault_session.COOKIE_NAME] = cookie
    assert stranger.get("/home/")["Location"].startswith("/sign-in/")


def test_the_key_cookie_is_httponly_and_strict(owner):
    client = Client()
    sign_in(client)
    morsel = client.cookies[vault_session.COOKIE_NAME]
    assert morsel["httponly"]
    assert morsel["samesite"] == "Strict"


def test_quick_exit_without_javascript_locks_and_leaves(owner_client):
    response = owner_client.get("/x/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.bbc.com/weather"
    assert owner_client.get("/home/")["Location"].startswith("/unlock/")


def test_quick_exit_goes_where_the_person_chose(owner_client):
    owner_client.post(
        "/settings/",
        {"auto_lock_minutes": "15", "exit_url": "https://www.bbc.com/food", "discreet": ""},
    )
    assert owner_client.get("/x/")["Location"] == "https://www.bbc.com/food"
    owner_client.post("/sign-out/")
    # Signed out on this device, it still goes to the chosen site.
    assert owner_client.get("/x/")["Location"] == "https://www.bbc.com/food"


def test_the_beacon_from_the_leave_button_locks(owner_client):
    assert owner_client.post("/x/").status_code == 204
    assert owner_client.get("/home/")["Location"].startswith("/unlock/")


# Duress


@pytest.fixture
def owner_with_duress(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    reason = Reason(owner=user)
    from vault.box import Box

    reason.text = Box(dek).seal(reason, "text", "my real reason")
    reason.save()
    actions.set_duress(user, dek, DURESS_PASSPHRASE)
    return user


def test_the_duress_passphrase_opens_the_decoy_and_records_an_event(owner_with_duress):
    client = Client()
    response = sign_in(client, passphrase=DURESS_PASSPHRASE)
    assert response["Location"] == "/home/"
    home = client.get("/home/").content.decode()
    assert "my real reason" not in home
    assert "Get to bed before eleven" in home
    assert "robin" in home  # looks like the person's own account
    assert DuressEvent.objects.filter(user=owner_with_duress).count() == 1


def _normalised(html: str) -> str:
    html = re.sub(r'value="[A-Za-z0-9]{40,}"', 'value="token"', html)
    html = re.sub(r'content="[A-Za-z0-9]{40,}"', 'content="token"', html)
    return re.sub(r'nonce="[^"]+"', 'nonce=""', html)


def test_the_decoy_settings_look_exactly_like_a_real_space(owner_with_duress, db):
    decoy_client = Client()
    sign_in(decoy_client, passphrase=DURESS_PASSPHRASE)
    make_member("jordan", "amber falcon window seven")
    plain_client = Client()
    sign_in(plain_client, name="jordan", passphrase="amber falcon window seven")
    for path in ("/settings/", "/settings/duress/", "/settings/two-step/", "/settings/delete/"):
        decoy_page = _normalised(decoy_client.get(path).content.decode())
        plain_page = _normalised(plain_client.get(path).content.decode())
        if path == "/settings/two-step/":  # a fresh secret each time; same page around it
            decoy_page = re.sub(r'(<code class="secret">|base64,)[^<"]+', "", decoy_page)
            plain_page = re.sub(r'(<code class="secret">|base64,)[^<"]+', "", plain_page)
        assert decoy_page.replace("robin", "NAME") == plain_page.replace("jordan", "NAME"), path


def test_in_the_decoy_the_passphrase_that_opened_it_works_for_settings(owner_with_duress):
    client = Client()
    sign_in(client, passphrase=DURESS_PASSPHRASE)
    new = "granite meadow lantern ninety"
    response = client.post(
        "/settings/passphrase/",
        {"current": DURESS_PASSPHRASE, "new_passphrase": new, "new_passphrase_again": new},
    )
    assert response["Location"] == "/settings/"
    # The decoy's passphrase changed; the real one still opens the real space.
    fresh = Client()
    sign_in(fresh, passphrase=new)
    assert "Get to bed before eleven" in fresh.get("/home/").content.decode()
    real = Client()
    sign_in(real)
    assert "my real reason" in real.get("/home/").content.decode()


def test_deleting_from_the_decoy_removes_only_the_decoy(owner_with_duress):
    client = Client()
    sign_in(client, passphrase=DURESS_PASSPHRASE)
    response = client.post("/settings/delete/", {"current": DURESS_PASSPHRASE, "understood": "on"})
    assert response["Location"] == "/"
    assert User.objects.filter(username=OWNER_NAME).exists()
    assert not User.objects.filter(is_decoy=True).exists()
    real = Client()
    sign_in(real)
    assert "my real reason" in real.get("/home/").content.decode()
    assert NO_MATCH in sign_in(Client(), passphrase=DURESS_PASSPHRASE).content.decode()


def test_the_real_passphrase_still_opens_the_real_space(owner_with_duress):
    client = Client()
    sign_in(client)
    assert "my real reason" in client.get("/home/").content.decode()
    assert DuressEvent.objects.count() == 0


def test_unlocking_with_the_duress_passphrase_switches_to_the_decoy(owner_with_duress):
    client = Client()
    sign_in(client)
    client.post("/lock/")
    client.post("/unlock/", {"passphrase": DURESS_PASSPHRASE})
    assert "my real reason" not in client.get("/home/").content.decode()
    assert DuressEvent.objects.count() == 1


def test_the_person_can_prepare_their_decoy(owner_with_duress):
    client = Client()
    sign_in(client)
    client.post("/settings/duress/prepare/")
    client.post("/reasons/", {"text": "learn to bake bread"})
    client.post("/lock/")
    duress_client = Client()
    sign_in(duress_client, passphrase=DURESS_PASSPHRASE)
    assert "learn to bake bread" in duress_client.get("/reasons/").content.decode()
    assert DuressEvent.objects.count() == 1  # preparing is not an alarm


def test_setting_duress_through_settings(owner_client):
    response = owner_client.post(
        "/settings/duress/",
        {
            "current": OWNER_PASSPHRASE,
            "duress": DURESS_PASSPHRASE,
            "duress_again": DURESS_PASSPHRASE,
        },
    )
    assert response["Location"] == "/settings/"
    client = Client()
    sign_in(client, passphrase=DURESS_PASSPHRASE)
    assert client.get("/home/").status_code == 200
    assert DuressEvent.objects.count() == 1


def test_the_duress_passphrase_must_differ_from_the_real_one(owner_client):
    body = owner_client.post(
        "/settings/duress/",
        {"current": OWNER_PASSPHRASE, "duress": OWNER_PASSPHRASE, "duress_again": OWNER_PASSPHRASE},
    ).content.decode()
    assert "must be different" in body


# Two-step sign-in


def _enable_totp(client):
    import re

    page = client.get("/settings/two-step/").content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    response = client.post("/settings/two-step/", {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/settings/"
    return secret


def test_two_step_sign_in_asks_for_a_code(owner_client):
    secret = _enable_totp(owner_client)
    stored = bytes(User.objects.get(username=OWNER_NAME).totp_secret)
    assert secret.encode() not in stored
    client = Client()
    assert sign_in(client)["Location"].startswith("/sign-in/code/")
    assert client.get("/home/")["Location"].startswith("/sign-in/")
    wrong = client.post("/sign-in/code/", {"code": "000000"})
    assert "That code didn" in wrong.content.decode()
    done = client.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert done["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_the_decoy_asks_for_the_same_code(owner_client):
    owner_client.post(
        "/settings/duress/",
        {
            "current": OWNER_PASSPHRASE,
            "duress": DURESS_PASSPHRASE,
            "duress_again": DURESS_PASSPHRASE,
        },
    )
    secret = _enable_totp(owner_client)
    client = Client()
    assert sign_in(client, passphrase=DURESS_PASSPHRASE)["Location"].startswith("/sign-in/code/")
    client.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert "Get to bed before eleven" in client.get("/home/").content.decode()


def test_five_wrong_codes_start_over(owner_client):
    _enable_totp(owner_client)
    client = Client()
    sign_in(client)
    for _ in range(5):
        response = client.post("/sign-in/code/", {"code": "000000"})
    assert response["Location"] == "/sign-in/"
    assert client.get("/sign-in/code/")["Location"] == "/sign-in/"


def test_two_step_can_be_turned_off_with_the_passphrase(owner_client):
    _enable_totp(owner_client)
    owner_client.post("/settings/two-step/", {"current": OWNER_PASSPHRASE})
    assert not User.objects.get(username=OWNER_NAME).totp_enabled


def test_a_coerced_unlock_never_shows_the_preparing_banner(owner_with_duress):
    client = Client()
    sign_in(client)
    client.post("/settings/duress/prepare/")
    assert "preparing your decoy" in client.get("/home/").content.decode()
    client.post("/lock/")
    client.post("/unlock/", {"passphrase": DURESS_PASSPHRASE})
    assert "preparing your decoy" not in client.get("/home/").content.decode()


def test_a_code_cannot_be_used_twice(owner_client):
    secret = _enable_totp(owner_client)
    with time_machine.travel("2026-11-28 10:00:05", tick=False):
        code = pyotp.TOTP(secret).now()
        first = Client()
        sign_in(first)
        assert first.post("/sign-in/code/", {"code": code})["Location"] == "/home/"
        second = Client()
        sign_in(second)
        replay = second.post("/sign-in/code/", {"code": code})
        assert "That code didn" in replay.content.decode()


@override_settings(HAVEN_TOTP_LIMIT_PER_ACCOUNT=6)
def test_code_guesses_are_limited_per_account_across_sign_ins(owner_client):
    secret = _enable_totp(owner_client)
    for _ in range(2):
        client = Client()
        sign_in(client)
        for _ in range(3):
            client.post("/sign-in/code/", {"code": "000000"})
    client = Client()
    sign_in(client)
    response = client.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/sign-in/"
    assert "too many tries" in client.get("/sign-in/").content.decode()


def test_many_guesses_at_once_cannot_slip_under_the_limit(owner):
    """Attempts are counted before the slow passphrase check, not after it."""
    from accounts import throttle

    buckets = throttle.sign_in_buckets("robin", "10.9.9.9")
    verdicts = [throttle.take(buckets) for _ in range(8)]
    assert sum(v.allowed for v in verdicts) == 5


def test_sign_up_attempts_are_counted_even_when_the_name_is_taken(owner):
    client = Client()
    for _ in range(10):
        client.post(
            "/start/",
            {"username": OWNER_NAME, "new_passphrase": "x", "new_passphrase_again": "x"},
        )
    body = client.post(
        "/start/", {"username": OWNER_NAME, "new_passphrase": "x", "new_passphrase_again": "x"}
    ).content.decode()
    assert "too many tries" in body
    assert "Someone already uses that name" not in body


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guessing_the_name_elsewhere_does_not_keep_the_person_out_of_their_device(owner):
    device = Client()
    sign_in(device)
    device.post("/lock/")
    for n in range(3):
        Client(REMOTE_ADDR=f"10.3.3.{n}").post(
            "/sign-in/", {"username": OWNER_NAME, "passphrase": "guess"}
        )
    assert "too many tries" in sign_in(Client(REMOTE_ADDR="10.3.3.9")).content.decode()
    response = device.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})
    assert response["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guessing_at_a_locked_device_signs_the_device_out(owner):
    device = Client()
    sign_in(device)
    device.post("/lock/")
    for _ in range(3):
        device.post("/unlock/", {"passphrase": "guess"})
    response = device.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})
    assert response["Location"] == "/sign-in/"
    assert device.get("/home/")["Location"].startswith("/sign-in/")


def test_words_sent_after_an_idle_lock_are_given_back_not_lost(owner):
    with time_machine.travel("2026-11-28 10:00", tick=False) as traveller:
        client = Client()
        sign_in(client)
        traveller.shift(20 * 60)  # typed for a long time with JavaScript off
        response = client.post("/reasons/", {"text": "a long careful reason"})
        body = response.content.decode()
        assert response.status_code == 403
        assert "locked itself before this was sent" in body
        assert "a long careful reason" in body
