from django.urls import path

from mood import views

app_name = "mood"

urlpatterns = [
    path("", views.index, name="index"),
    path("check-in/", views.check_in, name="check_in"),
    path("new/", views.new, name="new"),
    path("<uuid:checkin_id>/", views.details, name="details"),
    path("<uuid:checkin_id>/delete/", views.delete, name="delete"),
    path("week/", views.week, name="week"),
    path("week/<int:year>/<int:month>/<int:day>/", views.week, name="week_of"),
    path("month/", views.month, name="month"),
    path("month/<int:year>/<int:month>/", views.month, name="month_of"),
    path("year/", views.year, name="year"),
    path("year/<int:year>/", views.year, name="year_of"),
    path("patterns/", views.patterns, name="patterns"),
]
