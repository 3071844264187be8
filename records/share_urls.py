"""Share links and the export: included by records/urls.py (names in "records:")."""

from django.urls import path

from records import export_views, share_views

urlpatterns = [
    path("export/", export_views.export, name="export"),
    path("shares/", share_views.share_list, name="shares"),
    path("shares/new/", share_views.share_new, name="share_new"),
    path("shares/remove/", share_views.share_remove, name="share_remove"),
    path("shared/<str:token>/", share_views.reader, name="shared"),
    path("shared/<str:token>/pdf/", share_views.reader_pdf, name="shared_pdf"),
    path("shared/<str:token>/zip/", share_views.reader_zip, name="shared_zip"),
    path("shared/<str:token>/close/", share_views.reader_close, name="shared_close"),
    path(
        "shared/<str:token>/file/<int:entry>/<int:number>/",
        share_views.reader_file,
        name="shared_file",
    ),
    path(
        "shared/<str:token>/thumb/<int:entry>/<int:number>/",
        share_views.reader_thumb,
        name="shared_thumb",
    ),
]
