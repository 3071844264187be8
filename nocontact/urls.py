from django.urls import path

from nocontact import views

app_name = "nocontact"

urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings, name="settings"),
    path("log/", views.contact, name="contact"),
    path("log/<uuid:contact_id>/remove/", views.contact_remove, name="contact_remove"),
    path("pause/", views.tempted, name="tempted"),
    path("pause/done/", views.done, name="done"),
    path("pause/<slug:slug>/", views.step, name="step"),
]
