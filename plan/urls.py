from django.urls import path

from plan import views

app_name = "plan"

urlpatterns = [
    path("reasons/", views.reasons, name="reasons"),
    path("reasons/<uuid:reason_id>/edit/", views.reason_edit, name="reason_edit"),
    path("reasons/<uuid:reason_id>/delete/", views.reason_delete, name="reason_delete"),
    path("reasons/<uuid:reason_id>/move/", views.reason_move, name="reason_move"),
]

urlpatterns += [
    path("safety-plan/", views.safety, name="safety"),
    path("safety-plan/print/", views.safety_print, name="safety_print"),
    path("safety-plan/pdf/", views.safety_pdf, name="safety_pdf"),
    path("safety-plan/clear/", views.safety_clear, name="safety_clear"),
    path("safety-plan/check/", views.safety_summary, name="safety_summary"),
    # After the fixed addresses above, so none of them is taken for a part.
    path("safety-plan/<slug:part>/", views.safety_part, name="safety_part"),
    path("exit-plan/", views.exit_plan, name="exit"),
    path("exit-plan/<int:number>/", views.exit_step, name="exit_step"),
    path("exit-plan/clear/", views.exit_clear, name="exit_clear"),
]
