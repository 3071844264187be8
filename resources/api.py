"""What other apps may ask the resources app: the chosen country and its help
lines, and whether words someone wrote sound like a crisis.

The country is only ever the one the person chose on /help/ (a device cookie).
It is never guessed from an address, the IP or the browser's language.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from resources.crisis import sounds_like_crisis as sounds_like_crisis  # for other apps
from resources.models import Country, HelpLine

if TYPE_CHECKING:
    from resources import data

logger = logging.getLogger(__name__)

COOKIE = "hv_cc"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def wants_help_lines(user) -> bool:
    """Whether this person keeps "Show help lines when what I write sounds
    heavy" on (the default). They choose it on the settings page."""
    return bool(getattr(user, "show_help_lines", True))


def heavy_words_help(request, *texts: str) -> bool:
    """Whether a page should show help lines quietly beside these words, which
    the person wrote just now: they sound like a crisis and the person has not
    turned the help off. Decided in memory, for this page only: nothing about
    it is stored, logged or sent anywhere (resources/crisis.py)."""
    return wants_help_lines(getattr(request, "user", None)) and sounds_like_crisis(*texts)


def countries() -> list[tuple[str, str]]:
    """(code, name) for every country with help lines, in display order."""
    return [(c.code, c.name) for c in _countries()]


def country(code: str | None) -> Country | None:
    if not code:
        return None
    return next((c for c in _countries() if c.code == code.upper()), None)


def chosen_country(request) -> str | None:
    """The two-letter code the person chose on this device, or None."""
    code = (request.COOKIES.get(COOKIE) or "").strip().upper()
    if len(code) != 2 or not code.isalpha():
        return None
    return code if country(code) else None


def entries_for(code: str | None) -> list[HelpLine]:
    """Help lines for a country (emergency first), or the international fallback for None."""
    if _database_has_lines():
        lines = HelpLine.objects.select_related("country")
        if code:
            lines = lines.filter(country__code=code.upper())
        else:
            lines = lines.filter(country__isnull=True)
        result = list(lines)
    else:
        wanted = code.upper() if code else None
        result = [line for line in _file_lines() if line.country_code == wanted]
    return sorted(result, key=lambda line: (line.kind_order, line.position, line.name))


def emergency_numbers() -> list[dict]:
    """Each emergency number once, with the countries it serves, in country order.

    [{"phone": "911", "tel": "911", "places": ["United States", "Canada"],
    "anywhere": False}, ...]; the number shown to everyone (112) joins the group
    with the same digits and marks it `anywhere`, and that group comes last.
    """
    countries = _countries()
    if _database_has_lines():
        lines = list(
            HelpLine.objects.filter(kind=HelpLine.Kind.EMERGENCY).select_related("country")
        )
        codes = {line.pk: line.country.code if line.country else None for line in lines}
        by_code = {}
        for line in sorted(lines, key=lambda line: line.position):
            by_code.setdefault(codes[line.pk], line)
    else:
        by_code = {}
        for line in _file_lines():
            if line.kind == HelpLine.Kind.EMERGENCY:
                by_code.setdefault(line.country_code, line)
    groups: dict[str, dict] = {}

    def add(phone: str, tel: str, place: str | None) -> None:
        if not tel:
            return
        group = groups.setdefault(
            tel, {"phone": phone, "tel": tel, "places": [], "anywhere": False}
        )
        if place is None:
            group["anywhere"] = True
        elif place not in group["places"]:
            group["places"].append(place)

    for country_row in countries:
        line = by_code.get(country_row.code)
        if line is not None and line.tel:
            add(line.phone, line.tel, country_row.name)
        elif country_row.emergency_number.strip().isdigit():
            # No emergency entry (an operator removed it): the country's own number.
            number = country_row.emergency_number.strip()
            add(number, number, country_row.name)
    anywhere = by_code.get(None)
    if anywhere is not None:
        add(anywhere.phone, anywhere.tel, None)
    return sorted(groups.values(), key=lambda group: group["anywhere"])


def _database_has_lines() -> bool:
    return HelpLine.objects.exists()


def _countries() -> list[Country]:
    if Country.objects.exists():
        return list(Country.objects.all())
    return list(_file_countries())


# Before an operator has run load_resources, read the data file directly, so a
# fresh install still shows help lines instead of an empty box.
@lru_cache(maxsize=1)
def _file_dataset() -> data.Dataset:
    # Imported here: reading the file needs YAML and pydantic, which a web
    # worker otherwise never loads.
    from resources import data

    try:
        return data.read(data.DATA_FILE)
    except data.DataFileError as error:
        # A broken file must not take the help page down with it: show what the
        # database holds (the page then says help lines are being set up). The
        # message names only the file and the entry, never anything about the
        # person asking. Cached, so this is logged once per process.
        logger.warning("Help lines file unusable, showing none from it: %s", error)
        return data.Dataset(version=0)


def _file_countries() -> tuple[Country, ...]:
    return tuple(Country(**fields) for fields in _file_dataset().countries)


def _file_lines() -> tuple[HelpLine, ...]:
    by_code = {c.code: c for c in _file_countries()}
    lines = []
    for fields in _file_dataset().lines:
        fields = dict(fields)
        code = fields.pop("country")
        line = HelpLine(country=by_code.get(code) if code else None, **fields)
        line.country_code = code
        lines.append(line)
    return tuple(lines)
