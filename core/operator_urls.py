from django.urls import path

from core import operator_views

app_name = "operator"

urlpatterns = [
    path("outbox/", operator_views.outbox_list, name="outbox"),
    path("outbox/test/", operator_views.outbox_test, name="outbox_test"),
    path("outbox/<str:name>/", operator_views.outbox_detail, name="outbox_detail"),
]
