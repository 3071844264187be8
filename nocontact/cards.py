"""The dashboard card: the day count and the "Tempted?" button."""

from nocontact import actions


def count(request) -> dict:
    counter = actions.open_section(request.user, request.vault, "counter")
    return {
        "count": actions.current_count(request.user, request.vault),
        "own_name": counter.get("name", ""),
    }
