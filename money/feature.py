from django.utils.translation import gettext_lazy as _

from core.features import Feature, Link, Tool

FEATURE = Feature(
    app="money",
    tools=[Tool([Link(_("Money plan"), "money:index", _("Budget"))], order=40)],
    models=["money.MoneyPlan"],
    canary="money.tests.canary_use",
    export="money.exports",
    private_pages=[
        "money:index",
        "money:budget",
        "money:fund",
        "money:papers",
        "money:account",
    ],
)
