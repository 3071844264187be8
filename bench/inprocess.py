"""Benchmarks run inside this process: unlock, seal/open, opening 1,000 records.

Django runs with the test settings (tiny Argon2, in-memory cache) on a fresh
on-disk SQLite database in a temporary folder; the unlock benchmark switches
Argon2 back to the production parameters read from haven.settings.
"""

from __future__ import annotations

import logging
import os
import random
import statistics
from pathlib import Path

from bench.measure import interleaved_medians, interleaved_samples, seconds_per_op

PASSPHRASE = "bench copper kettle winter meadow"  # noqa: S105 - a throwaway bench account
UNLOCK_REPS = 11
LIST_REPS = 11
RECORDS = 1000
MB = 1_000_000

_WORDS = (
    "I want to feel safe in my own home again and sleep through the night without "
    "listening for the door my children deserve calm mornings I miss my friends and "
    "my sister I am allowed to spend my own money I want to laugh without checking "
    "his face first the shouting is not my fault I can build something new"
).split()


def setup_django(var_dir: Path) -> None:
    """Test settings, but a real database file, made from the migrations."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "haven.settings_test"
    os.environ["HAVEN_VAR_DIR"] = str(var_dir)
    import django
    from django.core.management import call_command

    django.setup()
    # Account events are logged at INFO; keep them out of the printed report
    # (the HTTP server keeps its own logging, as in production).
    logging.getLogger().setLevel(logging.WARNING)
    call_command("migrate", interactive=False, verbosity=0)


def production_argon2() -> dict[str, int]:
    # haven.settings_test copies haven.settings and then shrinks Argon2; the
    # production module still holds the real values (env overrides included).
    import haven.settings

    return dict(haven.settings.HAVEN_ARGON2)


def _member(name: str, argon2: dict[str, int] | None = None):
    from django.test import override_settings

    from accounts import actions
    from accounts.models import User

    if argon2 is None:
        user, dek, _code = actions.create_account(name, PASSPHRASE)
    else:
        with override_settings(HAVEN_ARGON2=argon2):
            user, dek, _code = actions.create_account(name, PASSPHRASE)
    # Skip the recovery-code confirmation page, as a returning member would.
    User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
    user.refresh_from_db()
    return user, dek


def _sign_in(name: str):
    from django.test import Client

    client = Client()
    response = client.post("/sign-in/", {"username": name, "passphrase": PASSPHRASE})
    if response.status_code != 302 or response["Location"] != "/home/":
        raise RuntimeError(f"sign-in did not reach /home/ (status {response.status_code})")
    return client


def bare_argon2id(params: dict[str, int]):
    """One Argon2id run at `params`, straight through argon2-cffi: the baseline."""
    from argon2.low_level import Type, hash_secret_raw

    secret = PASSPHRASE.encode()
    salt = os.urandom(16)

    def run() -> None:
        hash_secret_raw(
            secret=secret,
            salt=salt,
            time_cost=params["time_cost"],
            memory_cost=params["memory_kib"],
            parallelism=params["parallelism"],
            hash_len=32,
            type=Type.ID,
        )

    return run


def bench_unlock() -> dict:
    from vault import keyring as vault_keyring
    from vault.models import Keyring

    params = production_argon2()
    user, _dek = _member("bench-unlock", params)
    ring = Keyring.objects.get(user=user)
    if ring.kdf != params:
        raise RuntimeError(f"keyring was made with {ring.kdf}, not {params}")
    bare = bare_argon2id(params)

    def unlock():
        result = vault_keyring.unlock(ring, PASSPHRASE)
        assert result is not None and result.opened is vault_keyring.Opened.REAL

    def sign_in_post():
        _sign_in("bench-unlock")

    samples = interleaved_samples(
        {"argon2id": bare, "unlock": unlock, "sign_in": sign_in_post}, reps=UNLOCK_REPS
    )
    wall = {name: statistics.median(runs["wall"]) for name, runs in samples.items()}
    # CPU time (Argon2's lanes run as threads of this process) barely moves
    # when other work shares the machine, so it steadies the wall-clock ratio.
    cpu = {name: statistics.median(runs["cpu"]) for name, runs in samples.items()}
    return {
        "params": params,
        "reps": UNLOCK_REPS,
        "samples_s": samples,
        "wall_s": wall,
        "cpu_s": cpu,
        "fastest_wall_s": {name: min(runs["wall"]) for name, runs in samples.items()},
        "argon2id_s": wall["argon2id"],
        "unlock_s": wall["unlock"],
        "sign_in_post_s": wall["sign_in"],
        "unlock_ratio": wall["unlock"] / wall["argon2id"],
        "sign_in_ratio": wall["sign_in"] / wall["argon2id"],
        "cpu_unlock_ratio": cpu["unlock"] / cpu["argon2id"],
        "cpu_sign_in_ratio": cpu["sign_in"] / cpu["argon2id"],
        "goal_ratio": 1.2,
    }


def bench_seal() -> list[dict]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from plan.models import Reason
    from vault import crypto
    from vault.box import Box

    key = crypto.random_key()
    box = Box(key)
    reason = Reason()  # unsaved, but its UUID key is already set
    aad = crypto.field_aad("plan.reason", "text", reason.pk)
    rows = []
    for size in (100, 10 * 1024):
        text = ("x" * size)[:size]
        plain = text.encode()
        blob = crypto.seal(key, plain, aad)
        cipher = AESGCM(key)
        nonce = os.urandom(12)
        sealed_field = box.seal(reason, "text", text)

        def box_open(sealed_field=sealed_field):
            reason.text = sealed_field
            box.open(reason, "text")

        ops = {
            # Baseline: the bare AEAD with its key schedule done once, no framing.
            "AESGCM.encrypt (reused cipher, baseline)": lambda c=cipher, n=nonce, p=plain: (
                c.encrypt(n, p, aad)
            ),
            "crypto.seal": lambda p=plain: crypto.seal(key, p, aad),
            "crypto.open_sealed": lambda b=blob: crypto.open_sealed(key, b, aad),
            "Box.seal (model field)": lambda t=text: box.seal(reason, "text", t),
            "Box.open (model field)": box_open,
        }
        baseline = None
        for name, fn in ops.items():
            per_op = seconds_per_op(fn)
            baseline = baseline or per_op
            rows.append(
                {
                    "size_bytes": size,
                    "operation": name,
                    "ops_per_s": 1 / per_op,
                    "mb_per_s": size / per_op / MB,
                    "time_vs_baseline": per_op / baseline,
                }
            )
    return rows


def reason_text(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 40)))


def bench_listing() -> dict:
    from plan import actions
    from plan.models import Reason
    from vault.box import Box

    owner, dek = _member("bench-list")
    box = Box(dek)
    rng = random.Random(7)  # the same texts every run
    rows = []
    for position in range(RECORDS):
        reason = Reason(owner=owner, position=position)
        reason.text = box.seal(reason, "text", reason_text(rng))
        rows.append(reason)
    Reason.objects.bulk_create(rows, batch_size=250)
    if Reason.objects.filter(owner=owner).count() != RECORDS:
        raise RuntimeError("the records were not all created")

    client = _sign_in("bench-list")

    def get(path: str, expect: bytes):
        def fetch():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            assert expect in response.content, path

        return fetch

    medians = interleaved_medians(
        {
            "fetch": lambda: list(Reason.objects.filter(owner=owner)),
            "open": lambda: actions.open_reasons(owner, box),
            "reasons": get("/reasons/", b'class="reason-list editable"'),
            "home": get("/home/", b'class="reason-list"'),
            "ping": get("/ping/", b"pong"),
        },
        reps=LIST_REPS,
    )
    fetch_only, opened = medians["fetch"], medians["open"]
    page_reasons, page_home, page_ping = medians["reasons"], medians["home"], medians["ping"]
    sizes = {path: len(client.get(path).content) for path in ("/reasons/", "/home/", "/ping/")}
    return {
        "records": RECORDS,
        "reps": LIST_REPS,
        "fetch_s": fetch_only,
        "open_reasons_s": opened,
        "get_reasons_page_s": page_reasons,
        "get_home_page_s": page_home,
        "get_ping_s": page_ping,
        "page_bytes": sizes,
        "open_ratio": opened / fetch_only,
        "reasons_page_ratio": page_reasons / fetch_only,
        "home_page_ratio": page_home / fetch_only,
    }
