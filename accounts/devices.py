"""Remembered browsers: a sign-in budget of their own (T7).

A successful sign-in leaves a random token in a long-lived HttpOnly,
SameSite=Strict cookie. It names no one: on a shared device it says only that
this browser has signed in to something here before, which the discreet-mode
and exit-site cookies already say. The server keeps only a keyed hash of it,
bound to the space that was opened, so a stolen database can't be matched to
browsers, and a token is worth nothing for any other name. One browser may be
remembered by several spaces; each gets its own hash of the same token.

Sign-ins from the browsers remembered for one space share that space's
budget: browsers remembered by a duress sign-in (the decoy's) never spend the
real space's, and minting more of them gains nothing.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import RememberedDevice, User

COOKIE_NAME = "hv_b"
COOKIE_AGE = 60 * 60 * 24 * 365
# The most browsers remembered per space; the longest unused are forgotten.
KEEP = 10
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def _token(request) -> str | None:
    value = request.COOKIES.get(COOKIE_NAME, "")
    return value if _TOKEN.match(value) else None


def _digest(space_id, token: str) -> str:
    return salted_hmac(
        "haven.remembered-device", f"{space_id}|{token}", algorithm="sha256"
    ).hexdigest()


def recognised(request, spaces: list[User]) -> str | None:
    """The id of the first of `spaces` this browser is remembered for, if any.

    Give the real space first: a person's own browser that was once made to
    open the decoy is remembered for both, and keeps the real space's budget.
    """
    token = _token(request)
    if token is None or not spaces:
        return None
    digests = [_digest(space.pk, token) for space in spaces]
    found = set(
        RememberedDevice.objects.filter(digest__in=digests).values_list("user_id", flat=True)
    )
    return next((str(space.pk) for space in spaces if space.pk in found), None)


def remember(request, response, space: User) -> None:
    """After a successful sign-in: remember this browser for the space it opened."""
    token = _token(request) or secrets.token_urlsafe(32)
    digest = _digest(space.pk, token)
    RememberedDevice.objects.update_or_create(
        digest=digest, defaults={"user": space, "last_used_at": timezone.now()}
    )
    stale = RememberedDevice.objects.filter(user=space).values_list("pk", flat=True)[KEEP:]
    RememberedDevice.objects.filter(pk__in=list(stale)).delete()
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/",
    )


def forget_all(member: User) -> None:
    RememberedDevice.objects.filter(user=member).delete()
