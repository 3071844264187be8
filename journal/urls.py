from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    # The same page as new/?mode=letter, for links that can't carry a query.
    path("new/<slug:mode>/", views.new, name="new_in"),
    path("tags/", views.tags, name="tags"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.calendar_view, name="calendar_month"),
    path("<uuid:entry_id>/", views.entry, name="entry"),
    path("<uuid:entry_id>/edit/", views.edit, name="edit"),
    path("<uuid:entry_id>/delete/", views.delete, name="delete"),
]
