"""The public verify page: included by records/urls.py (names in "records:")."""

from django.urls import path

from records import export_views

urlpatterns = [
    path("verify/", export_views.verify, name="verify"),
]
