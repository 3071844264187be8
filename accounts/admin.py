from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.jobs import DELIVER_DURESS
from accounts.models import DuressEvent, User
from core.models import OnceJobTally


class OperatorCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("username",)


class AccountChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Operators see that an account exists and its settings, never its contents."""

    add_form = OperatorCreationForm
    form = AccountChangeForm

    list_display = ("username", "date_joined", "last_login", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff")
    search_fields = ("username",)
    ordering = ("-date_joined",)
    readonly_fields = ("date_joined", "last_login", "two_step")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Settings"), {"fields": ("auto_lock_minutes", "discreet", "two_step")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "usable_password", "password1", "password2")}),)
    filter_horizontal = ("groups",)

    def get_queryset(self, request):
        # Decoy spaces are not accounts; showing them would reveal who has one.
        return super().get_queryset(request).filter(is_decoy=False)

    @admin.display(boolean=True, description=_("two-step sign-in"))
    def two_step(self, obj):
        return obj.totp_enabled


@admin.register(DuressEvent)
class DuressEventAdmin(admin.ModelAdmin):
    """Totals only, so stuck alerts can be noticed: never who, never when (T2)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # One page of totals: no page exists for a single event.
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        tally = dict(
            OnceJobTally.objects.filter(kind=DELIVER_DURESS).values_list("outcome", "count")
        )
        gave_up = sum(n for outcome, n in tally.items() if outcome.startswith("gave_up"))
        totals = [
            (_("Waiting to be delivered"), DuressEvent.objects.count()),
            (_("Delivered to a trusted contact"), tally.get(DuressEvent.State.DELIVERED, 0)),
            (_("Nobody to alert yet"), tally.get(DuressEvent.State.NO_CONTACT, 0)),
            (_("Could not be delivered"), gave_up + tally.get("failed", 0)),
            (_("Account closed before delivery"), tally.get("gone", 0)),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Duress alerts"),
            "opts": self.opts,
            "totals": totals,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/accounts/duress_totals.html", context)


def throttled_operator_login(request, extra_context=None):
    """The operators' sign-in, slowed like members' (an operator can change help lines)."""
    from django.shortcuts import render

    from accounts import throttle
    from accounts.models import name_key

    if request.method == "POST":
        buckets = throttle.sign_in_buckets(
            "operator:" + name_key(request.POST.get("username", "")),
            throttle.client_address(request),
        )
        verdict = throttle.take(buckets)
        if not verdict.allowed:
            return render(
                request, "accounts/too_many.html", {"minutes": verdict.minutes}, status=429
            )
        response = admin.site.login(request, extra_context)
        if response.status_code == 302:
            throttle.clear(buckets[0])
            throttle.refund(buckets[1])
        return response
    return admin.site.login(request, extra_context)
