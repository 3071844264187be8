from django.urls import include, path

from records import evidence_views, views

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
    path("<uuid:incident_id>/files/add/", evidence_views.add_files, name="evidence_add"),
    path("files/<uuid:evidence_id>/", evidence_views.file, name="evidence_file"),
    path("files/<uuid:evidence_id>/small/", evidence_views.thumb, name="evidence_thumb"),
    path("files/<uuid:evidence_id>/remove/", evidence_views.remove, name="evidence_remove"),
]

# Export, share links and the public verify page.
urlpatterns += [
    path("", include("records.share_urls")),
    path("", include("records.verify_urls")),
]
