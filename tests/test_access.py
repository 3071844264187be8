"""Walk every URL pattern as a stranger and as another member: never the owner's data.

The owner's world comes from every feature's canary use (tests/world.py), so
each URL that names an object is walked with a real object of the owner's.
"""

import datetime
import re
import uuid

import pytest
from django.db.models import BinaryField
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from core.features import owned_models
from tests.world import crawl, fill_every_feature, start_pages

COMMUNITY = "community:"
# Short enough for the smallest private box (a budget currency of 12 characters).
SECRET = "OWNSEC5519"


def all_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from all_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield name, prefix + str(entry.pattern), entry


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def concrete(route: str, values: dict) -> str | None:
    """Fill each URL parameter: the owner's real object where we know it, else a
    plausible value (a random UUID, a slug), so every pattern gets walked."""

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name in values:
            return str(values[name])
        return {"uuid": str(uuid.uuid4()), "int": "1", "slug": "example", "path": "x"}.get(
            converter, "example"
        )

    if route.startswith("^"):
        return None
    return "/" + PARAM.sub(fill, route)


@pytest.fixture
def owner_filled(db):
    """One of everything the owner can make: every feature's canary use, with
    SECRET as the canary. Returns the owner's signed-in client."""
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    fill_every_feature(client, SECRET)
    return client


@pytest.fixture
def owner_world(owner_filled):
    """The owner's things, and a real path of theirs for every view that takes
    an object's id, found by following the owner's own links."""
    found = crawl(owner_filled, start_pages(private=True))
    owned_paths = {}
    for name, route, _entry in all_patterns():
        if "<uuid:" not in route or name.startswith(COMMUNITY):
            continue  # community rows are shared, not owned: walked by role below
        assert name in found.views, (
            f"the owner has nothing at {name} ({route}): does its feature's canary use "
            "make one, and does a page link to it?"
        )
        owned_paths[name] = found.views[name]
    owner = User.objects.get(username=OWNER_NAME)
    return {"owned_paths": owned_paths, "owner": owner, "real": found.views}


def routes(world):
    """Every URL pattern once: the owner's real path where a crawl found one."""
    seen = []
    for name, route, _entry in all_patterns():
        if name.startswith("admin:") or route.startswith("operator/admin/"):
            continue  # Django's admin has its own staff checks, tested separately
        path = world["real"].get(name) or concrete(route, {})
        if path:
            seen.append((name, path, getattr(_entry.callback, "haven_public", False)))
    assert len(seen) >= 25
    return seen


def owners_sealed_rows(owner) -> dict[str, list]:
    """Each registry model's rows of the owner, with every stored byte of their sealed columns."""
    rows = {}
    for model in owned_models():
        sealed = [f.attname for f in model._meta.concrete_fields if isinstance(f, BinaryField)]
        rows[model._meta.label] = sorted(
            (str(row["pk"]), [bytes(row[name] or b"") for name in sealed])
            for row in model.objects.filter(owner=owner).values("pk", *sealed)
        )
    return rows


def test_a_stranger_gets_sign_in_redirects_or_nothing(owner_world, stranger_client):
    for _name, path, public in routes(owner_world):
        for method in ("get", "post"):
            response = getattr(stranger_client, method)(path)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, f"{method} {path} leaked"
            if public:
                continue
            if response.status_code == 302:
                target = response["Location"]
                assert target.startswith(
                    ("/sign-in/", "/unlock/", "/operator/admin/login/", "https://")
                ), f"{method} {path} -> {target}"
            else:
                assert response.status_code in (204, 403, 404, 405), f"{method} {path}: {response}"


def test_another_member_never_sees_the_owners_data(owner_world, db):
    make_member("sam", "violet harbour paper lantern")
    other = signed_in_client("sam", "violet harbour paper lantern")
    before = owners_sealed_rows(owner_world["owner"])
    assert all(before.values()), before  # the owner really has something everywhere
    owned = set(owner_world["owned_paths"].values())
    for name, path, _public in routes(owner_world):
        for method in ("get", "post"):
            if name in {"accounts:sign_out", "core:exit", "accounts:lock"}:
                continue  # these end the member's own session; covered elsewhere
            response = getattr(other, method)(path)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, f"{method} {path} leaked to another member"
            if path in owned:
                assert response.status_code in (404, 405), f"{method} {path}"
    # Nothing of the owner's was changed or removed by the other member's tries.
    assert owners_sealed_rows(owner_world["owner"]) == before


def test_operators_see_accounts_in_the_admin_but_nothing_private(owner_filled, operator):
    from django.test import Client

    client = Client()
    client.force_login(operator)
    listing = client.get("/operator/admin/accounts/user/")
    assert listing.status_code == 200
    assert OWNER_NAME in listing.content.decode()
    owner = User.objects.get(username=OWNER_NAME)
    detail = client.get(f"/operator/admin/accounts/user/{owner.pk}/change/")
    assert detail.status_code == 200
    assert SECRET not in detail.content.decode()
    listings = [
        f"/operator/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in owned_models()
    ]
    for path in [*listings, "/operator/admin/vault/keyring/"]:
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert SECRET not in response.content.decode()


def test_members_cannot_reach_the_operator_pages(owner):
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    for path in ("/operator/outbox/", "/operator/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/operator/admin/login/" in response["Location"]


def test_an_operator_can_add_another_operator(operator):
    from django.test import Client

    client = Client()
    client.force_login(operator)
    response = client.post(
        "/operator/admin/accounts/user/add/",
        {
            "username": "Second-Operator",
            "usable_password": "true",
            "password1": "a long operator password 77",
            "password2": "a long operator password 77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="Second-Operator")
    assert created.username_key == "second-operator"
    assert created.check_password("a long operator password 77")


def test_guessing_an_operator_password_is_slowed(operator):
    from django.test import Client, override_settings

    with override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3):
        client = Client()
        for _ in range(3):
            client.post("/operator/admin/login/", {"username": "operator", "password": "guess"})
        blocked = client.post(
            "/operator/admin/login/",
            {"username": "operator", "password": "operator-test-password"},
        )
        assert blocked.status_code == 429
        assert "Too many tries" in blocked.content.decode()
        assert "operator-test-password" not in blocked.content.decode()
    fresh = Client(REMOTE_ADDR="10.7.7.7")
    with override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=30):
        ok = fresh.post(
            "/operator/admin/login/",
            {"username": "operator", "password": "operator-test-password"},
        )
    assert ok.status_code == 302


# ---- The community: shared rows, walked by role ------------------------------
#
# Community content is not private to its writer, so instead of "never the
# owner's data" each role meets what it may: a stranger is sent to sign in, a
# member reads but never reaches the moderators' pages, a member blocked by the
# writer never reaches the writer's words, and a moderator (an admin for the
# admin pages) reaches the moderators' pages.

WRITERS_WORDS = "WRITERWORDS61"
MOD_PAGES = {"queue", "review", "suspend", "slow", "appeals", "answer", "log"}
ADMIN_PAGES = {"words", "word_delete", "team"}
WRITERS_PAGES = {"thread", "reply", "follow", "post", "react", "bookmark", "flag", "block"}
POST_ONLY = {"react", "bookmark", "follow", "unblock", "word_delete"}


@pytest.fixture
def community_world(db):
    from community.models import Appeal, Block, Flag, Member, Post, Suspension, WatchedWord
    from community.tests.conftest import join, reply_to, thread_by

    writer, writer_client = join("writer-sign-in", "Quill")
    _member, member_client = join("member-sign-in", "Reader")
    blocked, blocked_client = join("blocked-sign-in", "Shadow")
    _mod, mod_client = join("mod-sign-in", "Keeper", Member.Role.MODERATOR)
    _admin, admin_client = join("admin-sign-in", "Warden", Member.Role.ADMIN)
    thread = thread_by(writer_client, "Writer's thread", f"{WRITERS_WORDS} first")
    post = reply_to(writer_client, thread, f"{WRITERS_WORDS} second")
    block = Block.objects.create(blocker=writer, blocked=blocked)
    Flag.objects.create(post=post, member=blocked, reason=Flag.Reason.OTHER)
    suspension = Suspension.objects.create(
        member=writer, reason="a test", ends_at=timezone_now() + datetime.timedelta(days=1)
    )
    appeal = Appeal.objects.create(suspension=suspension, text="please")
    Suspension.objects.filter(pk=suspension.pk).update(lifted_at=timezone_now())
    word = WatchedWord.objects.create(word="spamword", word_key="spamword", action="flag")
    values = {
        "slug": "planning",
        "thread_id": thread.pk,
        "post_id": post.pk,
        "block_id": block.pk,
        "appeal_id": appeal.pk,
        "word_id": word.pk,
    }
    assert Post.objects.filter(body__contains=WRITERS_WORDS).count() == 2
    return {
        "values": values,
        "member": member_client,
        "blocked": blocked_client,
        "moderator": mod_client,
        "admin": admin_client,
    }


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def community_paths(values) -> list[tuple[str, str]]:
    found = []
    for name, route, _entry in all_patterns():
        if name.startswith(COMMUNITY):
            found.append((name.removeprefix(COMMUNITY), concrete(route, values)))
    return found


def test_the_community_walk_covers_every_community_url(community_world):
    names = {name for name, _path in community_paths(community_world["values"])}
    assert MOD_PAGES | ADMIN_PAGES | WRITERS_PAGES | POST_ONLY <= names
    assert len(names) >= 29


def test_a_stranger_is_sent_to_sign_in_from_every_community_url(community_world, stranger_client):
    for _name, path in community_paths(community_world["values"]):
        for method in ("get", "post"):
            response = getattr(stranger_client, method)(path)
            assert response.status_code == 302, f"{method} {path}"
            assert response["Location"].startswith("/sign-in/"), f"{method} {path}"


def test_a_member_reads_the_community_but_not_the_moderators_pages(community_world):
    client = community_world["member"]
    for name, path in community_paths(community_world["values"]):
        response = client.get(path)
        if name in MOD_PAGES | ADMIN_PAGES:
            assert response.status_code == 404, path
        elif name in POST_ONLY:
            assert response.status_code == 405, path
        else:
            assert response.status_code in (200, 302), f"{path}: {response.status_code}"
    # Someone else's block can't be lifted.
    lift = client.post(f"/community/blocked/{community_world['values']['block_id']}/lift/")
    assert lift.status_code == 404


def test_a_blocked_member_never_reaches_the_writers_words(community_world):
    client = community_world["blocked"]
    for name, path in community_paths(community_world["values"]):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            body = response.content.decode(errors="replace")
            assert WRITERS_WORDS not in body and "Quill" not in body, f"{method} {path}"
            if name in WRITERS_PAGES:
                expected = (404, 405) if method == "get" else (404,)
                assert response.status_code in expected, f"{method} {path}"
            assert response.status_code < 500, f"{method} {path}"


def test_moderators_and_admins_reach_their_pages(community_world):
    moderator, admin = community_world["moderator"], community_world["admin"]
    for name, path in community_paths(community_world["values"]):
        if name in POST_ONLY:
            continue
        if name in MOD_PAGES:
            assert moderator.get(path).status_code == 200, path
            assert admin.get(path).status_code == 200, path
        if name in ADMIN_PAGES:
            assert moderator.get(path).status_code == 404, path
            assert admin.get(path).status_code == 200, path
    for _name, path in community_paths(community_world["values"]):
        for client in (moderator, admin):
            assert client.post(path).status_code < 500, path
