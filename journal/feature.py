from django.utils.translation import gettext_lazy as _

from core.features import Card, Feature, Link, Tool

FEATURE = Feature(
    app="journal",
    # No nav entry: the card and the tool line lead here.
    cards=[Card("journal/cards/journal.html", "journal.cards.journal", order=45)],
    tools=[
        Tool(
            [
                Link(_("Journal"), "journal:index", _("Notes")),
                Link(_("Write a page"), "journal:new", _("Write a note")),
                Link(_("Journal calendar"), "journal:calendar", _("Calendar")),
            ],
            order=35,
        )
    ],
    models=["journal.Entry"],
    canary="journal.tests.canary_use",
    demo="journal.demo",
    decoy="journal.demo",
    export="journal.exports",
    private_pages=[
        "journal:index",
        "journal:new",
        ("journal:new_in", {"mode": "facts"}),
        "journal:tags",
        "journal:calendar",
    ],
)
