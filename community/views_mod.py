"""The moderators' and admins' pages. Community content only: no private space is read here."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import moderation
from community.access import admin_view, moderator_view
from community.forms import AnswerForm, ReviewForm, RoleForm, SlowForm, SuspendForm, WordForm
from community.models import Appeal, Member, ModAction, Post, Thread, WatchedWord
from community.views_read import _common


@moderator_view
def queue(request):
    return render(
        request, "community/mod/queue.html", {**_common(request), "posts": moderation.queue()[:100]}
    )


@moderator_view
def review(request, post_id):
    post = get_object_or_404(Post.objects.select_related("author", "thread", "quote"), pk=post_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        if form.cleaned_data["decision"] == "approve":
            moderation.approve(request.member, post, reason)
            messages.success(request, _("The post is up."))
        else:
            moderation.remove(request.member, post, reason)
            messages.success(request, _("The post is removed."))
        return redirect("community:queue")
    return render(
        request,
        "community/mod/review.html",
        {
            **_common(request),
            "post": post,
            "flags": post.flags.select_related("member"),
            "form": form,
            "suspend_form": SuspendForm(),
        },
    )


@moderator_view
def suspend(request, post_id):
    """Suspends the writer of a post (moderators reach members only through their posts)."""
    post = get_object_or_404(Post.objects.select_related("author"), pk=post_id)
    form = SuspendForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        ends = timezone.now() + datetime.timedelta(days=form.cleaned_data["days"])
        moderation.suspend(request.member, post.author, form.cleaned_data["reason"], ends)
        messages.success(request, _("The member is suspended."))
        return redirect("community:review", post_id=post.id)
    return render(
        request, "community/mod/suspend.html", {**_common(request), "post": post, "form": form}
    )


@moderator_view
def appeals(request):
    waiting = Appeal.objects.filter(outcome=Appeal.Outcome.OPEN).select_related(
        "suspension", "suspension__member"
    )
    return render(request, "community/mod/appeals.html", {**_common(request), "appeals": waiting})


@moderator_view
def answer(request, appeal_id):
    appeal = get_object_or_404(Appeal.objects.select_related("suspension__member"), pk=appeal_id)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        moderation.answer_appeal(
            request.member,
            appeal,
            lift=form.cleaned_data["decision"] == "lift",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Your answer is sent."))
        return redirect("community:appeals")
    return render(
        request, "community/mod/answer.html", {**_common(request), "appeal": appeal, "form": form}
    )


@moderator_view
def slow(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    initial = {"seconds": thread.slow_mode_seconds, "locked": thread.locked}
    form = SlowForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        moderation.set_slow_mode(
            request.member, thread, data["seconds"], data["locked"], data["reason"]
        )
        messages.success(request, _("The thread's pace is set."))
        return redirect("community:thread", thread_id=thread.id)
    return render(
        request, "community/mod/slow.html", {**_common(request), "thread": thread, "form": form}
    )


@moderator_view
def log(request):
    actions = ModAction.objects.select_related("moderator", "subject", "post", "thread")[:200]
    return render(request, "community/mod/log.html", {**_common(request), "actions": actions})


@admin_view
def words(request):
    form = WordForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        moderation.add_word(request.member, form.cleaned_data["word"], form.cleaned_data["action"])
        messages.success(request, _("The word is watched now."))
        return redirect("community:words")
    return render(
        request,
        "community/mod/words.html",
        {**_common(request), "form": form, "words": WatchedWord.objects.all()},
    )


@admin_view
@require_POST
def word_delete(request, word_id):
    word = get_object_or_404(WatchedWord, pk=word_id)
    moderation.remove_word(request.member, word)
    messages.success(request, _("That word is no longer watched."))
    return redirect("community:words")


@admin_view
def team(request):
    form = RoleForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if moderation.set_role(request.member, data["name"], data["role"], data["reason"]):
            messages.success(request, _("The role is changed."))
            return redirect("community:team")
        form.add_error("name", _("No other member has that community name."))
    team = Member.objects.exclude(role=Member.Role.MEMBER)
    return render(
        request, "community/mod/team.html", {**_common(request), "form": form, "team": team}
    )
