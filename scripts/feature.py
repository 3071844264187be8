from core.features import Feature

FEATURE = Feature(app="scripts", models=["scripts.MyScript"], export="scripts.exports")
