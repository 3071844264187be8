"""The circle's part of the demo member's space, and of every new decoy space.

`seed` gives the laptop demo two people (one confirmed, one still to
confirm) and the default words, so the pages have something to show; their
addresses are example.org, and the laptop's mail goes to the local outbox.

`seed_decoy` gives a decoy space two ordinary-looking people, already
confirmed. A decoy's people are never written to (circle/delivery.py and
circle/jobs.py check the owner first), so nothing leaves Haven from a decoy,
and nothing on its pages says so.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from circle import actions
from circle.models import Contact


def _add(user, box, name, email, relation, confirmed, **roles) -> Contact:
    data = {"name": name, "email": email, "relation": relation, "may_know": "", "phone": ""}
    contact = Contact(owner=user)
    actions._fill(contact, box, {**data, **roles})
    from circle import sealing

    contact.email = sealing.seal(contact, "email", email)
    if confirmed:
        contact.invited_at = contact.confirmed_at = timezone.now()
    contact.save()
    return contact


def seed(user, box) -> None:
    actions.save_words(user, {**actions.default_words(), "signature": "R."})
    _add(
        user, box, "Sam", "sam@example.org", _("friend"), True, for_tempted=True, for_checkins=True
    )
    contact = _add(user, box, "Alex", "alex@example.org", _("sister"), False, for_emergency=True)
    from django.db import transaction

    with transaction.atomic():
        actions.invite(contact)


def seed_decoy(user, box) -> None:
    _add(user, box, "Mum", "mum@example.org", _("mum"), True, for_checkins=True)
    _add(user, box, "Jo", "jo@example.org", _("from work"), True, for_tempted=True)
