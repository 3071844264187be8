from django.urls import path

from circle import views

app_name = "circle"

urlpatterns = [
    path("", views.index, name="index"),
    path("people/add/", views.contact_add, name="contact_add"),
    path("people/<uuid:contact_id>/", views.contact_edit, name="contact_edit"),
    path("people/<uuid:contact_id>/remove/", views.contact_remove, name="contact_remove"),
    path("people/<uuid:contact_id>/ask-again/", views.contact_invite, name="contact_invite"),
    path("words/", views.words, name="words"),
    path("check-ins/add/", views.check_in_add, name="check_in_add"),
    path("check-ins/<uuid:check_in_id>/done/", views.check_in_done, name="check_in_done"),
    path("check-ins/<uuid:check_in_id>/stop/", views.check_in_stop, name="check_in_stop"),
    path(
        "check-ins/<uuid:check_in_id>/start-again/",
        views.check_in_restart,
        name="check_in_restart",
    ),
    path("for-you/<str:token>/", views.contact_page, name="contact_page"),
    path("for-you/<str:token>/yes/", views.contact_confirm, name="contact_confirm"),
    path("for-you/<str:token>/stop/", views.contact_stop, name="contact_stop"),
    path("tick/<str:token>/", views.reminder, name="reminder"),
]
