"""The content library, read for operators writing an issue.

The guide and the scripts belong to their own apps; this module reads their
public rows through the app registry (no import of their models), so the
newsletter keeps working, with empty lists, if either app is not installed.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def guide_sections() -> list[tuple[str, str, str]]:
    """(slug, title, path) of every guide section."""
    section = _model("guide.Section")
    if section is None:
        return []
    found = []
    for slug, title in section.objects.order_by("number").values_list("slug", "title"):
        try:
            found.append((slug, title, reverse("guide:section", args=[slug])))
        except NoReverseMatch:
            continue
    return found


def scripts() -> list[tuple[str, str, str]]:
    """(slug, title, words) of every script in the library."""
    script = _model("scripts.Script")
    if script is None:
        return []
    return list(script.objects.values_list("slug", "title", "body"))
