"""Operators write issues from the content library, preview them, and schedule them.

Subscribers appear as counts and states only: their addresses are sealed and
never shown here.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from newsletter import composing, daily, library
from newsletter import jobs as newsletter_jobs
from newsletter.models import (
    Consent,
    Delivery,
    Issue,
    SendSettings,
    Subscriber,
    Suppression,
    Wording,
)


class IssueForm(forms.ModelForm):
    from_script = forms.ChoiceField(
        label="Script of the week from the library",
        required=False,
        help_text="Fills the script's title and words when saved (you can edit them after).",
    )
    from_guide = forms.ChoiceField(
        label="Guide link from the guide",
        required=False,
        help_text="Fills the guide link's title and path when saved.",
    )

    class Meta:
        model = Issue
        fields = [
            "kind",
            "title",
            "subject_open",
            "summary",
            "tip",
            "reflection",
            "from_script",
            "script_title",
            "script_words",
            "from_guide",
            "guide_title",
            "guide_path",
            "send_at",
        ]
        help_texts = {
            "kind": "The daily note is made and sent by itself each day (send settings). "
            "A daily issue scheduled here before that day's hour goes instead of it.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scripts = {slug: (title, body) for slug, title, body in library.scripts()}
        self._guide = {slug: (title, path) for slug, title, path in library.guide_sections()}
        self.fields["from_script"].choices = [("", "—")] + [
            (slug, title) for slug, (title, _b) in self._scripts.items()
        ]
        self.fields["from_guide"].choices = [("", "—")] + [
            (slug, title) for slug, (title, _p) in self._guide.items()
        ]

    def clean(self):
        cleaned = super().clean()
        script = cleaned.get("from_script")
        if script in self._scripts:
            cleaned["script_title"], cleaned["script_words"] = self._scripts[script]
        guide = cleaned.get("from_guide")
        if guide in self._guide:
            cleaned["guide_title"], cleaned["guide_path"] = self._guide[guide]
        if cleaned.get("guide_path") and not cleaned["guide_path"].startswith("/"):
            self.add_error("guide_path", "A path inside Haven, starting with /.")
        if not any(cleaned.get(name) for name in ("tip", "reflection", "script_words")):
            raise forms.ValidationError("An issue needs a tip, a reflection or a script.")
        return cleaned

    def save(self, commit=True):
        issue = super().save(commit=False)
        for name in ("script_title", "script_words", "guide_title", "guide_path"):
            setattr(issue, name, self.cleaned_data.get(name, getattr(issue, name)))
        if commit:
            issue.save()
        return issue


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    form = IssueForm
    list_display = ["title", "kind", "day", "state", "send_at", "sent_count", "preview_link"]
    list_filter = ["state", "kind"]
    actions = ["schedule_next_slot", "schedule_at_send_at", "back_to_draft"]
    readonly_fields = ["state", "day", "sent_at"]

    def get_queryset(self, request):
        sent = Count("deliveries", filter=models_sent())
        return super().get_queryset(request).annotate(sent_total=sent)

    @admin.display(description="sent")
    def sent_count(self, issue):
        return issue.sent_total

    @admin.display(description="preview")
    def preview_link(self, issue):
        url = reverse("admin:newsletter_issue_preview", args=[issue.pk])
        return format_html('<a href="{}">preview</a>', url)

    def get_urls(self):
        own = [
            # Before the issue's own pages, whose <path:object_id> would take "daily".
            path(
                "daily/preview/",
                self.admin_site.admin_view(self.daily_preview),
                name="newsletter_daily_preview",
            ),
            path(
                "daily/preview/html/",
                self.admin_site.admin_view(self.daily_preview_html),
                name="newsletter_daily_preview_html",
            ),
            path(
                # <path:...> like the admin's own pages (the access walk's uuid
                # routes are members' objects).
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview),
                name="newsletter_issue_preview",
            ),
        ]
        own.append(
            path(
                "<path:object_id>/preview/html/",
                self.admin_site.admin_view(self.preview_html),
                name="newsletter_issue_preview_html",
            )
        )
        return own + super().get_urls()

    def preview_html(self, request, object_id):
        """The HTML part as a mail program shows it: nothing may load or run."""
        return self._html_part(self._issue(object_id), _wording(request))

    def _html_part(self, issue: Issue, wording: str) -> HttpResponse:
        response = HttpResponse(composing.preview(issue, wording)["html"])
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
            "frame-ancestors 'none'; base-uri 'none'; sandbox allow-popups"
        )
        return response

    def _issue(self, object_id) -> Issue:
        try:
            issue_id = uuid.UUID(object_id)
        except ValueError:
            raise Http404 from None
        return get_object_or_404(Issue, pk=issue_id)

    def preview(self, request, object_id):
        issue = self._issue(object_id)
        return self._preview_page(request, issue, f"Preview: {issue.title}")

    def _preview_page(self, request, issue: Issue | None, title: str, notice: str = ""):
        wording = _wording(request)
        context = {
            **self.admin_site.each_context(request),
            "issue": issue,
            "opts": Issue._meta,
            "title": title,
            "notice": notice,
            "wordings": Wording.choices,
            "wording": wording,
            "preview": composing.preview(issue, wording) if issue is not None else None,
        }
        return TemplateResponse(request, "newsletter/admin_preview.html", context)

    def _tomorrow(self) -> tuple[Issue | None, str]:
        """Tomorrow's note as it would be made now (nothing saved), or why there is none."""
        if not daily.available():
            return None, NO_INSPIRE
        day = daily.tomorrow()
        reminder = daily.reminder_for(day)
        if reminder is None:
            return None, "The reminder library is empty: load it with manage.py load_reminders."
        return daily.draft(day, reminder), ""

    def daily_preview(self, request):
        issue, notice = self._tomorrow()
        title = f"Tomorrow's daily note ({daily.tomorrow():%A %d %B})"
        if issue is not None and SendSettings.current().daily_paused:
            notice = "The daily note is paused: tomorrow's goes only if you resume it."
        return self._preview_page(request, issue, title, notice)

    def daily_preview_html(self, request):
        issue, _notice = self._tomorrow()
        if issue is None:
            raise Http404
        return self._html_part(issue, _wording(request))

    def _schedule(self, request, queryset, when):
        done = 0
        for issue in queryset.filter(state__in=[Issue.State.DRAFT, Issue.State.SCHEDULED]):
            with transaction.atomic():
                issue.send_at = when(issue)
                issue.state = Issue.State.SCHEDULED
                issue.save(update_fields=["send_at", "state"])
                newsletter_jobs.schedule(issue)
            done += 1
        self.message_user(request, f"{done} issue(s) scheduled.", messages.SUCCESS)

    @admin.action(description="Schedule for the next weekly sending time")
    def schedule_next_slot(self, request, queryset):
        self._schedule(request, queryset, lambda issue: newsletter_jobs.next_weekly_slot())

    @admin.action(description="Schedule at each issue's own “send at” time (or now)")
    def schedule_at_send_at(self, request, queryset):
        self._schedule(request, queryset, lambda issue: issue.send_at or timezone.now())

    @admin.action(description="Back to draft (only issues not sending yet)")
    def back_to_draft(self, request, queryset):
        moved = queryset.filter(state=Issue.State.SCHEDULED).update(state=Issue.State.DRAFT)
        self.message_user(request, f"{moved} issue(s) back to draft.", messages.SUCCESS)


def models_sent():
    from django.db.models import Q

    return Q(deliveries__state=Delivery.State.SENT)


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    fields = [
        "wording_version",
        "source",
        "weekly",
        "daily",
        "requested_at",
        "confirmed_at",
        "withdrawn_at",
    ]
    readonly_fields = fields


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["id", "state", "weekly", "daily", "wording", "created_at"]
    list_filter = ["state", "weekly", "daily", "wording"]
    fields = ["id", "state", "weekly", "daily", "wording", "soft_bounces", "created_at"]
    readonly_fields = fields
    inlines = [ConsentInline]

    def has_add_permission(self, request):
        return False


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["reason", "created_at"]
    list_filter = ["reason"]
    fields = ["reason", "created_at"]
    readonly_fields = ["created_at"]

    def has_add_permission(self, request):
        return False


NO_INSPIRE = (
    "The daily note is off: Haven's daily reminders (the inspire room) are not installed,"
    " so there is nothing to send. Subscribers who chose it get the weekly notes only."
)


def _wording(request) -> str:
    wording = request.GET.get("wording", Wording.QUIET)
    return wording if wording in Wording.values else Wording.QUIET


@admin.register(SendSettings)
class SendSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "rate_per_second",
        "connections",
        "weekday",
        "hour",
        "daily_hour",
        "daily_paused",
    ]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["rate_per_second", "connections"]}),
            ("Weekly notes", {"fields": ["weekday", "hour"]}),
            (
                "Daily note",
                {"fields": ["daily_hour", "daily_paused"], "description": _daily_status()},
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        if not daily.available():
            # Said once, here where the daily hour is set; the worker stays quiet.
            self.message_user(request, NO_INSPIRE, messages.WARNING)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return not SendSettings.objects.exists()


def _daily_status() -> str:
    if not daily.available():
        return format_html('<strong class="errornote">{}</strong>', NO_INSPIRE)
    made = reverse("admin:newsletter_issue_changelist") + "?kind__exact=daily"
    tomorrow = reverse("admin:newsletter_daily_preview")
    return format_html(
        "The day's note is made from that day's reminder and sent to confirmed subscribers"
        " who chose the daily inspiration, once a day, in the server's time ({}). "
        '<a href="{}">The daily notes so far</a> · <a href="{}">Preview tomorrow\'s</a>',
        timezone.get_current_timezone_name(),
        made,
        tomorrow,
    )
