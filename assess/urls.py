from django.urls import path

from assess import reconcile_views, views

app_name = "assess"

urlpatterns = [
    path("", views.index, name="index"),
    path("safety-first/", views.safety_first, name="safety_first"),
    path("relationship/", views.relationship, name="relationship"),
    path("relationship/save/", views.relationship_save, name="relationship_save"),
    path("relationship/history/", views.relationship_history, name="relationship_history"),
    path("relationship/<uuid:check_id>/", views.relationship_detail, name="relationship_detail"),
    path(
        "relationship/<uuid:check_id>/delete/",
        views.relationship_delete,
        name="relationship_delete",
    ),
    path("danger/", views.danger, name="danger"),
    path("danger/save/", views.danger_save, name="danger_save"),
    path("danger/saved/", views.danger_saved, name="danger_saved"),
    path("danger/<uuid:check_id>/", views.danger_detail, name="danger_detail"),
    path("danger/<uuid:check_id>/delete/", views.danger_delete, name="danger_delete"),
    path("reconciliation/", reconcile_views.reconcile, name="reconcile"),
    path(
        "reconciliation/notes/<uuid:observation_id>/edit/",
        reconcile_views.observation_edit,
        name="observation_edit",
    ),
    path(
        "reconciliation/notes/<uuid:observation_id>/delete/",
        reconcile_views.observation_delete,
        name="observation_delete",
    ),
    path("reconciliation/if-you-go-ahead/", reconcile_views.plan, name="reconcile_plan"),
    path(
        "reconciliation/if-you-go-ahead/clear/",
        reconcile_views.conditions_clear,
        name="conditions_clear",
    ),
    path(
        "reconciliation/steps/<uuid:step_id>/edit/",
        reconcile_views.step_edit,
        name="step_edit",
    ),
    path(
        "reconciliation/steps/<uuid:step_id>/delete/",
        reconcile_views.step_delete,
        name="step_delete",
    ),
]
