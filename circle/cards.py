"""The circle's dashboard card: check-ins coming up, with one-tap check-in."""

from django.utils import timezone

from circle.models import CheckIn
from circle.schedule import reminder_lead


def check_ins(request) -> dict:
    now = timezone.now()
    active = CheckIn.objects.owned_by(request).filter(state=CheckIn.State.ACTIVE)
    due = [c for c in active if c.due_at - reminder_lead(c.kind, c.days) <= now]
    return {"due": due, "upcoming": len(active)}


def safe_people(request) -> dict:
    """The person's safe people who have a phone number, for one-tap call and message."""
    from circle.actions import people

    if request is None or getattr(request, "vault", None) is None:
        return {"safe_people": []}
    found = [p for p in people(request.user, request.vault) if p.contact.for_tempted]
    return {"safe_people": [p for p in found if p.phone_link]}
