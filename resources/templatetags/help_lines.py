"""{% load help_lines %}{% help_lines %}: the help lines for the person's chosen country.

Optional arguments: heading_level (2 by default) so the box fits the page's
heading order, and all_kinds=True to include legal help and other services for a chosen
country (with no country, every international contact is shown).
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from resources import api
from resources.models import HelpLine

register = template.Library()

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
        "heading_level": max(2, min(int(heading_level), 6)),
        "sub_level": max(3, min(int(heading_level) + 1, 6)),
        "help_url": help_url,
        "change_url": f"{help_url}?{urlencode({'next': here})}#choose-country"
        if here
        else help_url,
    }
