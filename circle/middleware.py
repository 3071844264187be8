"""Notes that the person opened Haven, for "if I haven't opened Haven for N days" only.

One small query per hour per session, and a write only for people who chose
that kind of check-in. Accounts deliberately keeps no last sign-in time; this
keeps only the hour, only on that check-in, and only while it is on.
"""

from __future__ import annotations

from django.utils import timezone

from circle import actions, schedule

SESSION_KEY = "hv_circle_seen"


class SeenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "vault", None) is not None and request.user.is_authenticated:
            hour = schedule.hour_of(timezone.now()).isoformat()
            seen = request.session.get(SESSION_KEY)
            # Only ever forward: a clock set back never rewrites the session.
            if seen is None or hour > seen:
                actions.stamp_seen(request.user, timezone.now())
                request.session[SESSION_KEY] = hour
        return response
