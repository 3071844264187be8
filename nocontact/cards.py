"""The dashboard card: the day count and the "Tempted?" button."""

from nocontact import actions


def count(request) -> dict:
    parts = actions.open_all(request.user, request.vault, actions.COUNTED)
    return {"count": actions.count_of(parts), "own_name": parts["counter"].get("name", "")}
