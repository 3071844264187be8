"""The emergency number and main help line of the person's chosen country,
for the safety plan's numbers, its printable page and its PDF.

Asked of resources only through `resources.api`, the functions it offers
other apps; the country is the one the person chose on this device.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from resources import api

EMERGENCY = "emergency"
# The line a plan names first after the emergency number, in order of preference.
MAIN_LINE_KINDS = ("domestic_abuse", "crisis")


@dataclass(frozen=True)
class Number:
    label: str
    number: str

    @property
    def tel(self) -> str:
        digits = "".join(ch for ch in self.number if ch.isdigit())
        return ("+" if self.number.strip().startswith("+") else "") + digits


@dataclass(frozen=True)
class CountryHelp:
    country: str
    emergency: Number | None
    main_line: Number | None

    @property
    def numbers(self) -> list[Number]:
        return [number for number in (self.emergency, self.main_line) if number]


def country_help(request) -> CountryHelp | None:
    """The chosen country's emergency number and main help line, or None when
    no country is chosen on this device."""
    code = api.chosen_country(request)
    country = api.country(code)
    if country is None:
        return None
    lines = [line for line in api.entries_for(code) if line.phone]
    emergency_line = next((line for line in lines if line.kind == EMERGENCY), None)
    emergency = None
    if country.emergency_number:
        emergency = Number(
            emergency_line.name if emergency_line else _("Emergency services"),
            country.emergency_number,
        )
    elif emergency_line:
        emergency = Number(emergency_line.name, emergency_line.phone)
    main = next(
        (line for kind in MAIN_LINE_KINDS for line in lines if line.kind == kind),
        None,
    )
    return CountryHelp(
        country=country.name,
        emergency=emergency,
        main_line=Number(main.name, main.phone) if main else None,
    )


def prefilled_numbers(help_here: CountryHelp | None) -> list[dict[str, str]]:
    """Rows for the plan's numbers, as the stored plan keeps them."""
    if help_here is None:
        return []
    return [{"label": n.label, "number": n.number} for n in help_here.numbers]
