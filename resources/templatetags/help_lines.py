"""Help lines other pages embed.

{% load help_lines %}

{% call_now %}: large call (and text) buttons for the first phone screen: the
chosen country's emergency number and main domestic abuse line; with no country
chosen, a one-tap row of countries and the common emergency numbers together.
Optional heading_level (2 by default), and keep_answers=True on a page made by
a POST that only shows a result (the danger screen's), so choosing a country
brings the same result back.

{% help_lines %}: the help lines for the person's chosen country. Optional
arguments: heading_level (2 by default) so the box fits the page's heading
order, and all_kinds=True to include legal help and other services for a chosen
country (with no country, every international contact is shown).
"""

import re

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from resources import api
from resources.models import HelpLine

register = template.Library()

# What the country buttons post besides the person's own answers.
CHOOSER_FIELDS = {"csrfmiddlewaretoken", "country", "next", "resubmit"}

SHORT_KINDS = {
    HelpLine.Kind.EMERGENCY,
    HelpLine.Kind.DOMESTIC_ABUSE,
    HelpLine.Kind.CRISIS,
    HelpLine.Kind.TEXT,
}


@register.inclusion_tag("resources/includes/help_lines.html", takes_context=True)
def help_lines(context, heading_level=2, all_kinds=False):
    request = context.get("request")
    code = api.chosen_country(request) if request is not None else None
    lines = api.entries_for(code)
    fell_back = bool(code) and not lines
    if fell_back:
        # An operator may have removed a country's entries; never show an empty box.
        lines = api.entries_for(None)
    if code and not all_kinds:
        lines = [line for line in lines if line.kind in SHORT_KINDS]
    help_url = reverse("resources:index")
    here = request.get_full_path() if request is not None else ""
    return {
        "country": api.country(code),
        "lines": lines,
        "fell_back": fell_back,
        "emergency": [line for line in lines if line.kind == HelpLine.Kind.EMERGENCY],
        "others": [line for line in lines if line.kind != HelpLine.Kind.EMERGENCY],
        "discreet": context.get("discreet", False),
        "heading_level": max(2, min(int(heading_level), 6)),
        "sub_level": max(3, min(int(heading_level) + 1, 6)),
        "help_url": help_url,
        "change_url": f"{help_url}?{urlencode({'next': here})}#choose-country"
        if here
        else help_url,
    }


def _heading_levels(heading_level) -> tuple[int, int]:
    level = max(2, min(int(heading_level), 6))
    return level, min(level + 1, 6)


def _first_callable(lines, kind):
    return next((line for line in lines if line.kind == kind and (line.tel or line.sms)), None)


@register.inclusion_tag("resources/includes/call_now.html", takes_context=True)
def call_now(context, heading_level=2, keep_answers=False, reload=False):
    request = context.get("request")
    code = api.chosen_country(request) if request is not None else None
    here = request.get_full_path() if request is not None else ""
    help_url = reverse("resources:index")
    level, _sub = _heading_levels(heading_level)
    on_help_page = request is not None and request.path == help_url
    result = {
        "discreet": context.get("discreet", False),
        "heading_level": level,
        "help_url": help_url,
        "more_url": "#help-country" if on_help_page else f"{help_url}#help-country",
        "change_url": f"{help_url}?{urlencode({'next': here})}#choose-country"
        if here and not on_help_page
        else "#choose-country"
        if on_help_page
        else f"{help_url}#choose-country",
    }
    country = api.country(code)
    if country is None:
        # keep_answers: a page made by a POST (the danger screen's result) is made
        # again after the choice; its answers ride along in the country form,
        # never in a URL. Only for pages whose POST changes nothing, so sending
        # it again is safe.
        carried = []
        if keep_answers and request is not None and request.method == "POST":
            carried = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in CHOOSER_FIELDS
                for value in values
            ]
        return result | {
            "country": None,
            "countries": api.countries(),
            "emergency_numbers": api.emergency_numbers(),
            "next": f"{here}#call-now" if here else "",
            "carried": carried,
            # reload: the page fills itself in from the country (the safety
            # plan's numbers), so it comes back whole rather than in parts.
            "reload": reload,
        }
    lines = api.entries_for(code)
    emergency = _first_callable(lines, HelpLine.Kind.EMERGENCY)
    emergency_number = country.emergency_number.strip()
    first_number = re.match(r"\d+", emergency_number)
    return result | {
        "country": country,
        "emergency": emergency,
        # A country whose emergency entry was removed still shows its number.
        "emergency_tel": emergency.tel if emergency else (first_number or [""])[0],
        "emergency_phone": emergency.phone if emergency else emergency_number,
        "main_line": _first_callable(lines, HelpLine.Kind.DOMESTIC_ABUSE),
    }
