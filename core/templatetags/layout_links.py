"""The layout's own links (base.html), reversed once per process.

`{% layout_links as base_links %}` gives {"core_exit": path, ...}: the paths
`{% url %}` would give, kept by core.features.url instead of reversed again
on every page (they were a sixth of the layout's rendering time).
"""

from __future__ import annotations

from django import template

from core.features import url

register = template.Library()

NAMES = (
    "accounts:lock",
    "accounts:settings",
    "accounts:sign_in",
    "accounts:sign_out",
    "accounts:still_here",
    "accounts:unlock",
    "core:exit",
    "core:home",
    "core:manifest",
    "core:safety",
    "dashboard:home",
    "resources:index",
)


@register.simple_tag
def layout_links() -> dict[str, str]:
    return {name.replace(":", "_"): url(name) for name in NAMES}
