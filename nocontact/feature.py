from django.utils.translation import gettext_lazy as _

from core.features import Card, Feature, NavEntry

FEATURE = Feature(
    app="nocontact",
    # One tap from anywhere when the pull to get in touch comes: only with an
    # open vault, last in the nav, in a word that fits a notes app.
    nav=[
        NavEntry(
            _("Tempted?"),
            "nocontact:tempted",
            namespace="nocontact",
            private=True,
            order=70,
            discreet_label=_("Pause"),
        )
    ],
    cards=[
        Card(
            "nocontact/cards/count.html",
            "nocontact.cards.count",
            order=12,
            css="nocontact/nocontact.css",
        )
    ],
    models=["nocontact.Steady"],
    canary="nocontact.tests.canary_use",
    demo="nocontact.demo",
    decoy="nocontact.demo",
    export="nocontact.exports",
    private_pages=[
        "nocontact:index",
        "nocontact:settings",
        "nocontact:contact",
        "nocontact:tempted",
        ("nocontact:step", {"slug": "lists"}),
        ("nocontact:step", {"slug": "write"}),
        ("nocontact:step", {"slug": "log"}),
    ],
)
