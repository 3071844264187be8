"""The boards every Haven starts with: made by migration 0002, and again
after any migrate or flush (community/apps.py), so an emptied database
(as tests leave it) still has them. Operators may rename them in the admin."""

from community.models import Board

# slug: the board's everyday name for a discreet screen.
DISCREET = {
    "recognising": "Noticing",
    "planning": "Next steps",
    "after": "Afterwards",
    "family": "Family",
    "work": "Work",
    "wins": "Wins",
    "reminders": "Reminders",
}

BOARDS = [
    (
        "recognising",
        "Recognising the pattern",
        "Working out what is happening, and whether it's okay.",
    ),
    ("planning", "Planning to leave", "Thinking it through, step by step, at your own pace."),
    ("after", "After leaving", "The weeks and years after: the hard days and the good ones."),
    ("family", "Family", "When the harm comes from a parent, a sibling or a relative."),
    ("work", "Work", "When the harm happens at work, or follows you there."),
    ("wins", "Wins", "Small steps and big ones. Every one counts here."),
    ("reminders", "Reminders", "Short, gentle words members wrote for each other."),
]


def ensure_boards(using: str = "default") -> None:
    for position, (slug, title, description) in enumerate(BOARDS):
        Board.objects.using(using).get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "discreet_title": DISCREET[slug],
                "description": description,
                "position": position,
                "kind": Board.Kind.REMINDERS if slug == "reminders" else Board.Kind.DISCUSSION,
            },
        )
