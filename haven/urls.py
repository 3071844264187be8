from django.contrib import admin
from django.urls import include, path

from accounts.admin import throttled_operator_login

admin.site.site_header = "Haven operators"
admin.site.site_title = "Haven operators"

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("vault.urls")),
    path("", include("dashboard.urls")),
    path("", include("plan.urls")),
    path("guide/", include("guide.urls")),
    path("check/", include("assess.urls")),
    path("help/", include("resources.urls")),
    path("scripts/", include("scripts.urls")),
    path("money/", include("money.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("today/", include("inspire.urls")),
    path("circle/", include("circle.urls")),
    path("community/", include("community.urls")),
    path("records/", include("records.urls")),
    path("journal/", include("journal.urls")),
    path("mood/", include("mood.urls")),
    path("steady/", include("nocontact.urls")),
    path("operator/", include("core.operator_urls")),
    path("operator/admin/login/", throttled_operator_login, name="operator_login"),
    path("operator/admin/", admin.site.urls),
]
