from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("", views.index, name="index"),
    path("quick/", views.quick, name="quick"),
    path("new/", views.new, name="new"),
    path("new/<slug:template>/", views.new, name="new_from"),
    path("check/", views.check, name="check"),
    path("<uuid:incident_id>/", views.incident, name="incident"),
    path("<uuid:incident_id>/edit/", views.edit, name="edit"),
    path("<uuid:incident_id>/versions/", views.versions, name="versions"),
    path("<uuid:incident_id>/delete/", views.delete, name="delete"),
]
