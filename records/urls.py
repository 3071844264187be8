from django.urls import include, path

app_name = "records"

urlpatterns: list = []

# Export, share links and the public verify page.
urlpatterns += [
    path("", include("records.share_urls")),
    path("", include("records.verify_urls")),
]
