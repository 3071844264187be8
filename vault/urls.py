from django.urls import path

from vault import views

app_name = "vault"

urlpatterns = [
    path("drafts/<str:key>/", views.save_draft, name="save_draft"),
]
