from django.utils.translation import gettext_lazy as _

from core.features import Card, Feature, NavEntry

FEATURE = Feature(
    app="inspire",
    # "Today's note" is already a notes app's words: the same under a disguise.
    nav=[NavEntry(_("Today's note"), "inspire:today", namespace="inspire", order=40)],
    cards=[
        Card("inspire/cards/today.html", "inspire.cards.today", order=5, css="inspire/inspire.css")
    ],
    models=["inspire.SavedReminders"],
    canary="inspire.tests.canary_use",
    demo="inspire.demo",
    decoy="inspire.demo",
    export="inspire.exports",
    content="inspire.content_files",
    private_pages=["inspire:saved"],
    public_pages=["inspire:today", "inspire:archive"],
)
