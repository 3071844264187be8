"""The data key while someone is signed in: split between session and cookie.

The session store holds the DEK sealed under a random per-session key; that
key lives only in an HttpOnly, SameSite=Strict cookie. Neither half alone
reveals the DEK. Locking deletes both.

The sealed DEK is also bound to the account's session epoch (a number the
account moves on whenever its keys change: passphrase, recovery code, second
factor, duress). A session opened before the change holds a DEK sealed to the
old epoch: it is refused, and the middleware ends that session.
"""

from __future__ import annotations

import base64
import binascii
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from vault import crypto
from vault.box import Box

COOKIE_NAME = "hv_k"
SESSION_KEY = "hv_vault"
SEEN_KEY = "hv_seen"


def _aad(request: HttpRequest, purpose: str, epoch: int) -> bytes:
    user_id = request.session.get("_auth_user_id") or request.session.get("hv_pending_user", "")
    return f"haven/v1/session|{purpose}|{user_id}|{epoch}".encode()


def current_epoch(request: HttpRequest) -> int:
    """The signed-in account's epoch now (0 for anyone without one)."""
    return int(getattr(getattr(request, "user", None), "session_epoch", 0) or 0)


def start(request: HttpRequest, dek: bytes, purpose: str = "open", epoch: int = 0) -> None:
    """Hold `dek` for this session. Call after login() so the session id is fresh."""
    session_key = crypto.random_key()
    sealed = crypto.seal(session_key, dek, _aad(request, purpose, epoch))
    request.session[SESSION_KEY] = {
        "p": purpose,
        "e": epoch,
        "v": base64.b64encode(sealed).decode(),
    }
    request.session[SEEN_KEY] = int(time.time())
    # The cookie only reaches the browser with this response; until then the
    # key is known to this request alone.
    request._hv_held = (purpose, dek)  # type: ignore[attr-defined]
    if purpose == "open":
        request.vault = Box(dek)  # type: ignore[attr-defined]
    request._hv_cookie = base64.urlsafe_b64encode(session_key).decode()  # type: ignore[attr-defined]


def held_dek(request: HttpRequest, purpose: str = "open", epoch: int | None = None) -> bytes | None:
    """The held DEK, if this session's half and the cookie's half meet and the
    account's keys have not changed since (`epoch`: the signed-in account's
    unless given, as for a sign-in still waiting for its second step)."""
    fresh = getattr(request, "_hv_held", None)
    if fresh is not None:
        return fresh[1] if fresh[0] == purpose else None
    stored = request.session.get(SESSION_KEY)
    cookie = request.COOKIES.get(COOKIE_NAME)
    if not stored or not cookie or stored.get("p") != purpose:
        return None
    if epoch is None:
        epoch = current_epoch(request)
    try:
        session_key = base64.urlsafe_b64decode(cookie.encode())
        sealed = base64.b64decode(stored["v"])
        return crypto.open_sealed(session_key, sealed, _aad(request, purpose, epoch))
    except (binascii.Error, ValueError, KeyError, crypto.VaultError):
        return None


def outdated(request: HttpRequest) -> bool:
    """This session's key was held before the account's keys last changed."""
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("p") != "open":
        return False
    return stored.get("e", 0) != current_epoch(request)


def open_dek(request: HttpRequest) -> bytes:
    """The data key in a view that already requires an open vault."""
    dek = held_dek(request)
    if dek is None:
        raise PermissionError("the vault is locked")
    return dek


# Session flags that only make sense while the vault that set them is open.
OPEN_ONLY = ("hv_preparing",)


def keep(request: HttpRequest, name: str, text: str) -> None:
    """Keep a short private value in the session, sealed under the open data key
    (a recovery code not yet confirmed, a two-step secret being set up)."""
    sealed = crypto.seal(open_dek(request), text.encode(), f"haven/v1/kept|{name}".encode())
    request.session[name] = base64.b64encode(sealed).decode()


def kept(request: HttpRequest, name: str) -> str:
    """A value from keep(), or "" when there is none or the vault is not open."""
    stored = request.session.get(name)
    dek = held_dek(request)
    if not stored or dek is None:
        return ""
    try:
        aad = f"haven/v1/kept|{name}".encode()
        return crypto.open_sealed(dek, base64.b64decode(stored), aad).decode()
    except (binascii.Error, ValueError, crypto.VaultError):
        return ""


def lock(request: HttpRequest) -> None:
    for key in OPEN_ONLY:
        request.session.pop(key, None)
    request.session.pop(SESSION_KEY, None)
    request.session.pop(SEEN_KEY, None)
    request._hv_cookie = ""  # type: ignore[attr-defined]
    request._hv_held = None  # type: ignore[attr-defined]
    request.vault = None  # type: ignore[attr-defined]


def idle_too_long(request: HttpRequest, limit_seconds: int) -> bool:
    seen = request.session.get(SEEN_KEY)
    return seen is not None and time.time() - seen > limit_seconds


def touch(request: HttpRequest) -> None:
    # Only write when a minute has passed, to spare the session store.
    now = int(time.time())
    if now - request.session.get(SEEN_KEY, 0) >= 60:
        request.session[SEEN_KEY] = now


def apply_cookie(request: HttpRequest, response: HttpResponse) -> None:
    value = getattr(request, "_hv_cookie", None)
    if value is None:
        return
    if value == "":
        response.delete_cookie(COOKIE_NAME, path="/", samesite="Strict")
        return
    response.set_cookie(
        COOKIE_NAME,
        value,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/",
    )


def open_box(request: HttpRequest) -> Box | None:
    dek = held_dek(request)
    return Box(dek) if dek is not None else None
