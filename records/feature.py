from django.utils.translation import gettext_lazy as _

from core.features import Card, Feature, Link, Tool

RECORDS_CSS = "records/css/records.css"

FEATURE = Feature(
    app="records",
    # No nav entry: the card and the tools line reach it, and the nav is full.
    cards=[Card("records/cards/records.html", "records.cards.log", order=40, css=RECORDS_CSS)],
    tools=[
        Tool(
            [
                Link(_("Incident log"), "records:index", _("Log")),
                Link(_("write it down now"), "records:quick", _("quick note")),
                Link(_("check my records"), "records:check", _("check the log")),
            ],
            order=35,
        )
    ],
    models=["records.Incident", "records.IncidentVersion", "records.Evidence", "records.Share"],
    canary="records.tests.canary_use",
    demo="records.demo",
    decoy="records.demo",
    export="records.exports",
    private_pages=[
        "records:index",
        "records:quick",
        "records:new",
        ("records:new_from", {"template": "work"}),
        ("records:new_from", {"template": "family"}),
        "records:check",
        "records:export",
        "records:shares",
        "records:share_new",
    ],
    public_pages=["records:verify"],
)
