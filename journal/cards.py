"""The journal's dashboard card: how many pages this week, and a way to write.
It never opens a page: what the dashboard shows says nothing of the words."""

from journal import actions


def journal(request) -> dict:
    return {"this_week": actions.count_this_week(request.user)}
