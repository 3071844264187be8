from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.asked, name="asked"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/export/", views.export, name="export"),
    path("manage/<str:token>/delete/", views.delete, name="delete"),
    path("hooks/<slug:provider>/", views.provider_hook, name="provider_hook"),
]
