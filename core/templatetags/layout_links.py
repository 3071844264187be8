"""The layout's own links (base.html), reversed once per process.

`{% layout_links as base_links %}` gives {"core_exit": path, ...}: the paths
`{% url %}` would give, kept by core.features.url instead of reversed again
on every page (they were a sixth of the layout's rendering time), and, under
"static", the addresses of the layout's own styles and scripts, which
`{% static %}` would look up in the static files' manifest on every page.
"""

from __future__ import annotations

from functools import cache

from django import template
from django.templatetags.static import static

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


# The layout's own files; the key is the file name without its extension.
STATIC = (
    "core/css/base.css",
    "core/css/layout.css",
    "core/css/forms.css",
    "core/css/content.css",
    "core/js/exit.js",
    "core/js/idle.js",
    "core/js/drafts.js",
)


@cache
def _static() -> dict[str, str]:
    # Once per process: the manifest of hashed names is made at deploy time.
    return {path.rsplit("/", 1)[1].split(".")[0]: static(path) for path in STATIC}


@register.simple_tag
def layout_links() -> dict[str, object]:
    links: dict[str, object] = {name.replace(":", "_"): url(name) for name in NAMES}
    links["static"] = _static()
    return links
