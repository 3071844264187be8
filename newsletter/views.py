"""The newsletter's pages: anyone may subscribe; a signed link is the key to the rest.

Every page here is public in the access walk's sense: it shows nothing
without a valid token, and a token shows only its own subscriber's choices.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import throttle
from core.decorators import public_view
from newsletter import actions, tokens
from newsletter.forms import ManageForm, SubscribeForm
from newsletter.models import Source, Subscriber

SIGNUPS_PER_ADDRESS = 20
TOO_MANY = _("Lots of sign-ups have come from this connection. Please try again in a little while.")


def _masked(subscriber: Subscriber) -> str:
    from newsletter.addresses import open_address

    local, _, domain = open_address(subscriber.address, subscriber.id).partition("@")
    return f"{local[:1]}•••@{domain}"


def _link_problem(request, reason: str, purpose: str):
    return render(
        request,
        "newsletter/link_problem.html",
        {"reason": reason, "purpose": purpose},
        status=400,
    )


def _subscriber_for(request, purpose: str, token: str):
    """(subscriber, None) for a good link, else (None, the kind answer to send)."""
    try:
        opened = tokens.read(purpose, token)
    except tokens.BadToken as bad:
        return None, _link_problem(request, bad.reason, purpose)
    subscriber = Subscriber.objects.filter(pk=opened.subscriber_id).first()
    if subscriber is None:
        return None, _link_problem(request, "gone", purpose)
    return (subscriber, opened), None


@public_view
@require_http_methods(["GET", "POST"])
def subscribe(request):
    source = request.GET.get("from", "")
    if source not in Source.values:
        source = Source.INSIDE if getattr(request, "vault", None) is not None else Source.PUBLIC
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            visitor = throttle.client_address(request)
            bucket = [throttle.Bucket("newsletter", visitor, SIGNUPS_PER_ADDRESS)]
            if not throttle.take(bucket).allowed:
                form.add_error(None, TOO_MANY)
                return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
            data = form.cleaned_data
            actions.request_subscription(
                data["address"], weekly=data["weekly"], daily=data["daily"], source=data["source"]
            )
            return redirect("newsletter:asked")
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    form = SubscribeForm(initial={"weekly": True, "source": source})
    return render(request, "newsletter/subscribe.html", {"form": form})


@public_view
@require_http_methods(["GET"])
def asked(request):
    return render(request, "newsletter/asked.html")


@public_view
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    found, problem = _subscriber_for(request, "confirm", token)
    if problem:
        return problem
    subscriber, opened = found
    if request.method == "GET":
        already = subscriber.state == Subscriber.State.CONFIRMED
        stale = not already and opened.generation != subscriber.generation
        if stale:
            return _link_problem(request, "stale", "confirm")
        return render(request, "newsletter/confirm.html", {"already": already})
    outcome = actions.confirm(subscriber.pk, opened.generation)
    if outcome == "stale":
        return _link_problem(request, "stale", "confirm")
    manage_path = reverse("newsletter:manage", args=[tokens.make("manage", subscriber.pk)])
    return render(
        request, "newsletter/confirmed.html", {"outcome": outcome, "manage_path": manage_path}
    )


@public_view
@csrf_exempt  # RFC 8058: mail programs POST here with no cookie; the signed token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        opened = tokens.read("unsubscribe", token)
    except tokens.BadToken as bad:
        return _link_problem(request, bad.reason, "unsubscribe")
    if request.method == "GET":
        subscriber = Subscriber.objects.filter(pk=opened.subscriber_id).first()
        gone = subscriber is None or subscriber.state == Subscriber.State.WITHDRAWN
        return render(request, "newsletter/unsubscribe.html", {"gone": gone, "token": token})
    # Idempotent: a second click, or a mail program's retry, changes nothing more.
    actions.unsubscribe(opened.subscriber_id)
    return render(request, "newsletter/unsubscribed.html")


@public_view
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    found, problem = _subscriber_for(request, "manage", token)
    if problem:
        return problem
    subscriber, _opened = found
    saved = False
    status = 200
    if request.method == "POST":
        form = ManageForm(request.POST)
        if form.is_valid():
            actions.update_choices(subscriber, **form.cleaned_data)
            subscriber.refresh_from_db()
            saved = True
            form = ManageForm(initial=_choices(subscriber))
        else:
            status = 400
    else:
        form = ManageForm(initial=_choices(subscriber))
    return render(
        request,
        "newsletter/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "masked": _masked(subscriber),
            "token": token,
            "saved": saved,
            "unsubscribe_token": tokens.make("unsubscribe", subscriber.pk),
        },
        status=status,
    )


def _choices(subscriber: Subscriber) -> dict:
    return {"weekly": subscriber.weekly, "daily": subscriber.daily, "wording": subscriber.wording}


@public_view
@require_http_methods(["GET"])
def export(request, token: str):
    found, problem = _subscriber_for(request, "manage", token)
    if problem:
        return problem
    subscriber, _opened = found
    body = json.dumps(actions.export(subscriber), indent=2, ensure_ascii=False)
    response = HttpResponse(body + "\n", content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="notes-my-data.json"'
    return response


@public_view
@require_http_methods(["GET", "POST"])
def delete(request, token: str):
    found, problem = _subscriber_for(request, "manage", token)
    if problem:
        if request.method == "POST":
            # Deleted already (a second click): the same answer as the first.
            try:
                tokens.read("manage", token)
            except tokens.BadToken:
                return problem
            return render(request, "newsletter/deleted.html")
        return problem
    subscriber, _opened = found
    if request.method == "GET":
        return render(request, "newsletter/delete.html", {"token": token})
    actions.delete(subscriber.pk)
    return render(request, "newsletter/deleted.html")


@public_view
@csrf_exempt  # the provider's basic-auth password is the key (HAVEN_MAIL_WEBHOOK_SECRET)
@require_POST
def provider_hook(request, provider: str):
    from newsletter import signals

    view = signals.webhook_view(provider)
    if view is None or not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        raise Http404
    from anymail.exceptions import AnymailWebhookValidationFailure

    try:
        return view(request)
    except AnymailWebhookValidationFailure:
        return HttpResponseForbidden("")
