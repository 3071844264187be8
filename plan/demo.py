"""Plan's part of the demo member's space, and of every new decoy space.

`seed` gives the laptop demo (manage.py load_demo) something to show: three
reasons, a safety plan part-way done, the first exit step begun.

`seed_decoy` gives a decoy space (opened by the duress passphrase, maybe in
front of the person who harms them) a lightly used, ordinary look: a few
everyday goals and nothing else. No safety plan, no exit plan: anything about
leaving would give the person away. The person can change these once they
prepare the decoy themselves.
"""

from django.utils.translation import gettext as _

from plan import actions

DEMO_REASONS = [
    "I want to feel calm in my own home again.",
    "I'm tired of checking my phone in case I've upset someone.",
    "My friends miss me, and I miss them.",
]
# A plan part-way done, so the dashboard cards and the PDF have something to show.
DEMO_SAFETY_PLAN = {
    "checklist": {
        "places": {"status": "done", "note": "Sam's flat, or the library until 8pm."},
        "phone": {"status": "done", "note": ""},
        "documents": {"status": "not_yet", "note": "Passport is still in the hall drawer."},
        "person": {"status": "not_yet", "note": ""},
    },
    "places": [{"name": "Sam's flat", "route": "Bus 12 from the corner, about 15 minutes."}],
    "numbers": [{"label": "Emergency", "number": "112"}],
    "documents": {"id": {"done": True, "where": "A copy is with Sam."}},
    "own_documents": [],
    "bag": ["charger", "cash"],
    "own_bag": [],
    "person": {"name": "Sam", "checkin": "A message every evening by 9."},
    "security": ["passwords"],
    "security_note": "",
}
DEMO_EXIT_STEP_1 = {
    "tasks": {"write_reasons": {"done": True, "date": ""}},
    "own": [],
    "notes": "",
    "target": "",
}


def seed(user, box) -> None:
    for text in DEMO_REASONS:
        actions.add_reason(user, box, text)
    actions.save_safety_plan(user, box, DEMO_SAFETY_PLAN)
    actions.save_exit_step(user, box, 1, DEMO_EXIT_STEP_1)


def decoy_reasons() -> list[str]:
    return [
        _("Get to bed before eleven on weeknights."),
        _("Walk a little every day, even just around the block."),
        _("More time for the garden this spring."),
    ]


def seed_decoy(user, box) -> None:
    for text in decoy_reasons():
        actions.add_reason(user, box, text)
