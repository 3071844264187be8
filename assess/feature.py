from django.utils.translation import gettext_lazy as _

from core.features import Feature, Link, NavEntry, Tool

FEATURE = Feature(
    app="assess",
    nav=[
        NavEntry(
            _("Checks"),
            "assess:index",
            namespace="assess",
            order=20,
            discreet_label=_("Quiz"),
        )
    ],
    tools=[
        Tool(
            [
                Link(_("Relationship check"), "assess:relationship", _("Quiz")),
                Link(
                    _("your saved checks"), "assess:relationship_history", _("your saved answers")
                ),
            ],
            order=10,
        ),
        Tool([Link(_("Danger screen"), "assess:danger", _("Short quiz"))], order=20),
        Tool(
            [
                Link(
                    _("Thinking about going back? Weigh it over time"),
                    "assess:reconcile",
                    _("Week-by-week notes"),
                )
            ],
            order=50,
        ),
    ],
    models=["assess.SavedCheck", "assess.Observation", "assess.Step", "assess.Conditions"],
    canary="assess.tests.canary_use",
    export="assess.exports",
    private_pages=[
        "assess:relationship_history",
        "assess:danger_saved",
        "assess:reconcile",
        "assess:reconcile_plan",
    ],
    public_pages=[
        "assess:index",
        "assess:safety_first",
        "assess:relationship",
        "assess:danger",
    ],
)
