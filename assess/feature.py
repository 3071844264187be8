from core.features import Feature

FEATURE = Feature(
    app="assess",
    models=["assess.SavedCheck", "assess.Observation", "assess.Step", "assess.Conditions"],
    export="assess.exports",
)
