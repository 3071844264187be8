from django.urls import path

from money import views

app_name = "money"

urlpatterns = [
    path("", views.index, name="index"),
    path("budget/", views.budget, name="budget"),
    path("emergency-fund/", views.fund, name="fund"),
    path(
        "emergency-fund/<uuid:deposit_id>/remove/",
        views.deposit_remove,
        name="deposit_remove",
    ),
    path("paperwork/", views.papers, name="papers"),
    path("separate-account/", views.account, name="account"),
]
