"""The community's own navigation links, reversed once per process.

`{% community_nav as links %}` gives {"index": path, "search": path, ...}:
the same paths `{% url %}` would give, without reversing them again on
every page (core.features.url keeps each one).
"""

from __future__ import annotations

from django import template

from core.features import url

register = template.Library()

NAV = ("index", "search", "notifications", "bookmarks", "queue", "suspended")


@register.simple_tag
def community_nav() -> dict[str, str]:
    return {name: url(f"community:{name}") for name in NAV}
