"""What mood's dashboard card shows: today's check-ins and the five buttons."""

from mood import actions, days
from mood.checkins import MOODS


def today(request) -> dict:
    entries = actions.open_today(request.user, request.vault)
    day = actions.today()
    return {"today": days.by_day(entries, day, day)[0], "moods": list(MOODS.items())}
