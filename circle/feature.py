from core.features import Card, Feature

FEATURE = Feature(
    app="circle",
    # Reached from its dashboard card (which also shows a check-in that is due).
    cards=[Card("circle/cards/check_ins.html", "circle.cards.check_ins", order=35)],
    models=["circle.Circle", "circle.Contact", "circle.CheckIn", "circle.Alert"],
    canary="circle.tests.canary_use",
    demo="circle.demo",
    decoy="circle.demo",
    export="circle.exports",
    private_pages=["circle:index", "circle:contact_add", "circle:words", "circle:check_in_add"],
    extra={
        # accounts/jobs.py: a duress sign-in's silent alert goes through this.
        "duress_alert": "circle.delivery.alert_for_duress",
        # The safety plan's support step: call and message buttons for safe people.
        "support_step": Card("circle/safe_people.html", "circle.cards.safe_people"),
    },
)
