from django.urls import path

from accounts import export_views, views

app_name = "accounts"

urlpatterns = [
    path("start/", views.sign_up, name="sign_up"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("unlock/", views.unlock, name="unlock"),
    path("lock/", views.lock, name="lock"),
    path("still-here/", views.still_here, name="still_here"),
    path("recovery-code/", views.recovery_code, name="recovery_code"),
    path("recover/", views.recover, name="recover"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/writing/", views.writing_settings, name="writing_settings"),
    path("settings/passphrase/", views.change_passphrase, name="change_passphrase"),
    path("settings/recovery-code/", views.new_recovery_code, name="new_recovery_code"),
    path("settings/two-step/", views.two_step, name="two_step"),
    path("settings/duress/", views.duress, name="duress"),
    path("settings/duress/remove/", views.duress_remove, name="duress_remove"),
    path("settings/duress/prepare/", views.prepare_decoy, name="prepare_decoy"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("settings/export/", export_views.export_page, name="export"),
    path("settings/export/bring-in/", export_views.restore_page, name="export_restore"),
]
