from django.utils.translation import gettext_lazy as _

from core.features import Card, Feature, Link, Tool

FEATURE = Feature(
    app="mood",
    cards=[Card("mood/cards/today.html", "mood.cards.today", order=8, css="mood/mood.css")],
    tools=[
        Tool(
            [
                Link(_("How I feel"), "mood:index", _("Daily log")),
                Link(_("My week"), "mood:week", _("Week")),
                Link(_("My year in colour"), "mood:year", _("Year")),
                Link(_("What I notice"), "mood:patterns", _("Patterns")),
            ],
            order=45,
        )
    ],
    models=["mood.CheckIn"],
    canary="mood.tests.canary_use",
    demo="mood.demo",
    decoy="mood.demo",
    export="mood.exports",
    private_pages=[
        "mood:index",
        "mood:new",
        "mood:week",
        "mood:month",
        "mood:year",
        "mood:patterns",
    ],
)
