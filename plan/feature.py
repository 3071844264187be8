from core.features import Feature

FEATURE = Feature(
    app="plan",
    models=["plan.Reason", "plan.SafetyPlan", "plan.ExitPlan"],
    export="plan.exports",
)
