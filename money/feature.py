from core.features import Feature

FEATURE = Feature(app="money", models=["money.MoneyPlan"], export="money.exports")
