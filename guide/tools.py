"""Links from a guide section to the Haven tools that act on it."""

import unicodedata

from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme


class ToolError(ValueError):
    pass


def is_local_path(path: str) -> bool:
    r"""A path on this site and nothing else. Browsers drop tabs and newlines and
    read a backslash as a slash, so "/\t/evil.com" or "/\evil.com" would leave
    Haven; such characters have no place in a tool's path at all."""
    if not path.startswith("/") or "\\" in path:
        return False
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in path):
        return False
    return url_has_allowed_host_and_scheme(path, allowed_hosts=set())


def validate(tools) -> list[dict]:
    """Checks a section's tools list, as written in a content file or the admin."""
    if not isinstance(tools, list):
        raise ToolError("tools must be a list")
    cleaned = []
    for tool in tools:
        if not isinstance(tool, dict) or not tool.get("label"):
            raise ToolError("each tool needs a label")
        path = str(tool.get("path") or "")
        if not tool.get("url_name") and not path:
            raise ToolError(f"the tool {tool['label']!r} needs a url_name or a path")
        if path and not is_local_path(path):
            raise ToolError(f"the tool {tool['label']!r} must link inside Haven")
        cleaned.append(
            {"label": str(tool["label"]), "url_name": str(tool.get("url_name") or ""), "path": path}
        )
    return cleaned


def links(tools) -> list[dict]:
    """What a page shows: a label and a working address for each tool. A tool
    whose page is not built yet falls back to its fixed path."""
    found = []
    for tool in tools if isinstance(tools, list) else []:
        if not isinstance(tool, dict) or not tool.get("label"):
            continue
        href = str(tool.get("path") or "")
        if tool.get("url_name"):
            try:
                href = reverse(tool["url_name"])
            except NoReverseMatch:
                pass
        if href and is_local_path(href):
            found.append({"label": tool["label"], "href": href})
    return found
