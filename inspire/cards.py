"""What inspire's dashboard card shows: the day's reminder and whether it is saved."""

from inspire import actions, days


def today(request) -> dict:
    return {
        "reminder": days.reminder_for(days.today()),
        "saved": actions.saved_slugs(request.user, request.vault),
    }
