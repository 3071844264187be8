from core.features import Card, Feature

FEATURE = Feature(
    app="inspire",
    # "Today" is already a notes app's word: the same under a disguise.
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
