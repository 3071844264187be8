from core.features import Card, Feature

PLAN_CSS = "plan/css/plan.css"

FEATURE = Feature(
    app="plan",
    cards=[
        Card("plan/cards/reasons.html", "plan.cards.reasons", order=10, css=PLAN_CSS),
        Card("plan/cards/safety_plan.html", "plan.cards.safety_plan", order=20, css=PLAN_CSS),
        Card("plan/cards/exit_plan.html", "plan.cards.exit_plan", order=30, css=PLAN_CSS),
    ],
    models=["plan.Reason", "plan.SafetyPlan", "plan.ExitPlan"],
    canary="plan.tests.canary_use",
    demo="plan.demo",
    decoy="plan.demo",
    export="plan.exports",
    private_pages=[
        "plan:reasons",
        "plan:safety",
        "plan:safety_print",
        "plan:safety_summary",
        ("plan:safety_part", {"part": "checklist"}),
        ("plan:safety_part", {"part": "support"}),
        "plan:exit",
        ("plan:exit_step", {"number": 1}),
    ],
)
