from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("x/", views.quick_exit, name="exit"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", views.health, name="health"),
    path("ping/", views.ping, name="ping"),
    path("staying-safe/", views.safety, name="safety"),
]
