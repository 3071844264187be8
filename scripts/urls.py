from django.urls import path

from scripts import views

app_name = "scripts"

urlpatterns = [
    path("", views.index, name="index"),
    path("builder/", views.builder, name="builder"),
    path("mine/", views.mine, name="mine"),
    path("mine/<uuid:script_id>/edit/", views.edit, name="edit"),
    path("mine/<uuid:script_id>/delete/", views.delete, name="delete"),
    path("library/<slug:slug>/save/", views.save_copy, name="save_copy"),
]
