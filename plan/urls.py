from django.urls import path

from plan import views

app_name = "plan"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("reasons/", views.reasons, name="reasons"),
    path("reasons/<uuid:reason_id>/edit/", views.reason_edit, name="reason_edit"),
    path("reasons/<uuid:reason_id>/delete/", views.reason_delete, name="reason_delete"),
    path("reasons/<uuid:reason_id>/move/", views.reason_move, name="reason_move"),
]
