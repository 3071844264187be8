"""Discreet mode: a neutral name and icon replace Haven's everywhere it shows.

The choice lives in a cookie on the device (just the preset's short name, so
it identifies no one) and, for signed-in people, in their preferences.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = Promise

COOKIE_NAME = "hv_d"
COOKIE_AGE = 60 * 60 * 24 * 365


@dataclass(frozen=True)
class Disguise:
    key: str
    name: "str | StrOrPromise"
    icon: str  # static path of the favicon
    colour: str


HAVEN = Disguise("", "Haven", "core/icons/haven.svg", "#2f5d50")
PRESETS = {
    d.key: d
    for d in (
        Disguise("notes", _("Notes"), "core/icons/notes.svg", "#6b6b6b"),
        Disguise("recipes", _("Recipes"), "core/icons/recipes.svg", "#a0522d"),
        Disguise("weather", _("Weather"), "core/icons/weather.svg", "#3a6ea5"),
    )
}
CHOICES = [("", _("Off (show Haven)"))] + [(d.key, d.name) for d in PRESETS.values()]


def for_key(key: str | None) -> Disguise:
    return PRESETS.get(key or "", HAVEN)


def current(request) -> Disguise:
    return for_key(request.COOKIES.get(COOKIE_NAME))


def is_on(request) -> bool:
    """Whether this page is shown under a disguise, so its words must be neutral.

    The choice belongs to the device (the cookie), never to the space that is
    open: a real space and its decoy look alike on the same device, and
    nothing changes on the screen when someone is made to sign in.
    """
    return bool(getattr(request, "disguise", current(request)).key)


def remember(response, key: str, secure: bool) -> None:
    if key in PRESETS:
        response.set_cookie(
            COOKIE_NAME, key, max_age=COOKIE_AGE, httponly=True, samesite="Lax", secure=secure
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
