"""The choices the counter and the urge flow offer. Keys are stored in sealed
documents: never rename a key; change the words freely."""

from django.utils.translation import gettext_lazy as _

from nocontact.counter import LOW, NONE

MODES = [
    (NONE, _("No contact")),
    (LOW, _("Low contact: only what I have to, for the children or for work")),
]

# How contact happened, and which of these low contact may allow.
CHANNELS = [
    ("app", _("A co-parenting app")),
    ("email", _("Email")),
    ("message", _("Text or chat message")),
    ("call", _("Phone or video call")),
    ("person", _("In person")),
    ("work", _("At work, about work")),
    ("social", _("Social media")),
    ("someone", _("Through someone else")),
    ("other", _("Another way")),
]
CHANNEL_KEYS = [key for key, _label in CHANNELS]
# What low contact commonly allows (the rest would rarely be agreed).
ALLOWABLE = ["app", "email", "message", "call", "person", "work"]

WHO = [
    ("them", _("They did")),
    ("me", _("I did")),
    ("both", _("It just happened (a chance meeting, a handover)")),
]

FELT = [
    ("calm", _("Calm, or fine")),
    ("uneasy", _("Uneasy")),
    ("pulled", _("Pulled back in")),
    ("low", _("Low or sad")),
    ("afraid", _("Afraid")),
    ("relieved", _("Relieved it's over")),
]

STRENGTH = [(str(n), str(n)) for n in range(0, 11)]

HELPED = [
    ("breathe", _("Breathing slowly")),
    ("reasons", _("Reading my reasons")),
    ("questions", _("Asking myself the two questions")),
    ("lists", _("What I miss and what I lived")),
    ("call", _("Talking to someone")),
    ("write", _("Writing it out")),
    ("wait", _("Waiting it out")),
]


def label(choices, key: str) -> str:
    return str(dict(choices).get(key, ""))
