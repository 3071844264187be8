from django.urls import path

from inspire import days, views  # noqa: F401 (days registers the "day" converter)

app_name = "inspire"

urlpatterns = [
    path("", views.today, name="today"),
    path("<day:day>/", views.day, name="day"),
    path("past/", views.archive, name="archive"),
    path("card/<slug:slug>/<str:size>.png", views.card, name="card"),
    path("keep/", views.keep, name="keep"),
    path("saved/", views.saved, name="saved"),
    path("saved/<uuid:item_id>/", views.note, name="note"),
]
