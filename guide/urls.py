from django.urls import path

from guide import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("for-supporters/", views.supporters, name="supporters"),
    path("<slug:slug>/", views.section, name="section"),
    path("<slug:slug>/print/", views.print_section, name="print"),
]
