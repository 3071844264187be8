"""Writing in the community: joining, names, threads, replies, reactions, flags, blocks."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from community import checks, members, posting
from community.access import (
    community_view,
    get_post_for,
    get_thread_for,
    writer_view,
)
from community.forms import AppealForm, FlagForm, JoinForm, NameForm, ReplyForm
from community.models import Appeal, Block, Board, Member, Reaction
from community.views_read import _common, decorate, new_form_for


@community_view
def join(request):
    """Choosing a community name, after being told plainly that the community is shared."""
    if request.user.is_decoy:
        return render(request, "community/reading_only.html")
    if request.member is not None:
        return redirect("community:index")
    form = JoinForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        name = members.tidy_name(form.cleaned_data["name"])
        problem = members.name_problem(request.user, name)
        if problem:
            form.add_error("name", problem)
        else:
            try:
                with transaction.atomic():
                    Member.objects.create(
                        user=request.user, name=name, name_key=members.name_key(name)
                    )
            except IntegrityError:
                form.add_error("name", _("Someone already uses that name. Please try another."))
            else:
                messages.success(request, _("Welcome. You're part of the community now."))
                return redirect("community:index")
    return render(request, "community/join.html", {**_common(request), "form": form})


@writer_view
def rename(request):
    member = request.member
    ready = members.next_rename(member)
    waiting = ready > timezone.now()
    form = NameForm(request.POST if request.method == "POST" else None)
    if form.is_bound and not waiting and form.is_valid():
        name = members.tidy_name(form.cleaned_data["name"])
        problem = members.name_problem(request.user, name, member=member)
        if problem:
            form.add_error("name", problem)
        else:
            Member.objects.filter(pk=member.pk).update(
                name=name, name_key=members.name_key(name), name_changed_at=timezone.now()
            )
            messages.success(request, _("Your community name is changed."))
            return redirect("community:index")
    return render(
        request,
        "community/rename.html",
        {**_common(request), "form": form, "waiting": waiting, "ready": ready},
    )


def _checked_write(request, form, extra: dict, template: str, context: dict):
    """Run the checks on a valid form; returns (findings, page) where page is set
    when the writer must see something first (their words stay in the form)."""
    data = form.cleaned_data
    findings = checks.look_at(data.get("title", ""), data["body"], data.get("content_warning", ""))
    if findings.blocked_by:
        form.add_error(
            "body",
            _(
                'This community doesn\'t allow the word "%(word)s". Please change it, '
                "and your post can go up."
            )
            % {"word": findings.blocked_by},
        )
        return findings, render(request, template, {**context, "form": form})
    asks = {}
    if findings.crisis and not data.get("seen_crisis"):
        asks["crisis"] = True
    if findings.personal and not data.get("seen_personal"):
        asks["personal"] = findings.personal
    if asks:
        bound = form.data.copy()
        bound["seen_crisis"] = "on" if findings.crisis else ""
        bound["seen_personal"] = "on" if findings.personal else ""
        again = type(form)(bound, **extra)
        again.is_valid()
        return findings, render(request, template, {**context, "form": again, "asks": asks})
    return findings, None


def _limited(request, buckets) -> bool:
    verdict = throttle.take(buckets)
    if not verdict.allowed:
        messages.error(
            request,
            _(
                "You've posted a lot in a short time. Please take a breather; you can "
                "post again in about %(minutes)d minutes. Your words are still here."
            )
            % {"minutes": verdict.minutes},
        )
    return not verdict.allowed


def _after_post(request, post):
    if post.published:
        messages.success(request, _("Your post is up."))
        return redirect("community:post", post_id=post.id)
    if post.crisis:
        messages.success(
            request,
            _(
                "Thank you for telling us. A moderator will read your post soon, before it "
                "goes up. If you're in danger now, please call one of the numbers on this page."
            ),
        )
    else:
        messages.success(
            request,
            _("Thank you. A moderator will look at your post soon, then it goes up."),
        )
    return redirect("community:board", slug=post.thread.board.slug)


@writer_view
def new_thread(request, slug):
    board = get_object_or_404(Board, slug=slug)
    form_class = new_form_for(board)
    form = form_class(request.POST if request.method == "POST" else None)
    context = {**_common(request), "board": board}
    if form.is_bound and form.is_valid():
        findings, page = _checked_write(request, form, {}, "community/new_thread.html", context)
        if page is not None:
            return page
        if not _limited(request, posting.post_buckets(request.member, new_thread=True)):
            data = form.cleaned_data
            title = data.get("title") or _short(data["body"])
            thread = posting.start_thread(
                request.member, board, title, data["body"], data["content_warning"], findings
            )
            return _after_post(request, thread.posts.get(position=1))
    return render(request, "community/new_thread.html", {**context, "form": form})


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 60 else words[:59].rsplit(" ", 1)[0] + "…"


@writer_view
def reply(request, thread_id):
    thread = get_thread_for(request, thread_id)
    if thread.board.is_reminders or thread.locked:
        messages.error(request, _("This thread doesn't take replies."))
        return redirect("community:thread", thread_id=thread.id)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    context = {**_common(request), "thread": thread, "board": thread.board}
    if form.is_bound and form.is_valid():
        quote = None
        if form.cleaned_data.get("quote"):
            quote = (
                posting.visible_posts(request.member).filter(pk=form.cleaned_data["quote"]).first()
            )
        context["quoting"] = quote
        wait = posting.slow_mode_wait(request.member, thread)
        if wait:
            form.add_error(
                None,
                _(
                    "This thread is in slow mode, so everyone gets room to breathe. You can "
                    "post again in about %(minutes)d minutes. Your words are still here."
                )
                % {"minutes": max(1, (wait + 59) // 60)},
            )
            return render(request, "community/reply.html", {**context, "form": form})
        findings, page = _checked_write(request, form, {}, "community/reply.html", context)
        if page is not None:
            return page
        if not _limited(request, posting.post_buckets(request.member, new_thread=False)):
            data = form.cleaned_data
            post = posting.reply(
                request.member, thread, data["body"], data["content_warning"], quote, findings
            )
            return _after_post(request, post)
    return render(request, "community/reply.html", {**context, "form": form})


@writer_view
@require_POST
def react(request, post_id):
    post = get_post_for(request, post_id)
    kind = request.POST.get("kind", "")
    if kind in Reaction.Kind.values and post.author_id != request.member.pk:
        posting.react(request.member, post, kind)
    return redirect(_back_to(post))


def _back_to(post) -> str:
    url = reverse("community:thread", args=[post.thread_id])
    return f"{url}?after={post.position - 1}#post-{post.id}"


@writer_view
@require_POST
def bookmark(request, post_id):
    post = get_post_for(request, post_id)
    made, created = post.bookmarks.get_or_create(member=request.member)
    if not created:
        made.delete()
    return redirect(_back_to(post))


@writer_view
@require_POST
def follow(request, thread_id):
    thread = get_thread_for(request, thread_id)
    following = posting.toggle_follow(request.member, thread)
    messages.success(
        request,
        _("You'll hear about new replies here.")
        if following
        else _("You won't hear about new replies here."),
    )
    return redirect("community:thread", thread_id=thread.id)


@writer_view
def flag(request, post_id):
    post = get_post_for(request, post_id)
    form = FlagForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        posting.flag(request.member, post, form.cleaned_data["reason"], form.cleaned_data["note"])
        messages.success(request, _("Thank you for telling us. A moderator will look at it."))
        return redirect(_back_to(post))
    decorate(request.member, [post])
    return render(request, "community/flag.html", {**_common(request), "post": post, "form": form})


@writer_view
def block(request, post_id):
    """Blocking the writer of a post: from then on, neither sees the other anywhere."""
    post = get_post_for(request, post_id)
    if post.author_id == request.member.pk:
        return redirect(_back_to(post))
    if request.method == "POST":
        members.block(request.member, post.author)
        messages.success(
            request,
            _("Done. You won't see each other's threads, posts or reactions any more."),
        )
        return (
            redirect("community:thread", thread_id=post.thread_id)
            if post.thread.author_id != post.author_id
            else redirect("community:index")
        )
    return render(request, "community/block.html", {**_common(request), "post": post})


@writer_view
def blocked(request):
    found = Block.objects.filter(blocker=request.member).select_related("blocked")
    return render(request, "community/blocked.html", {**_common(request), "blocks": found})


@writer_view
@require_POST
def unblock(request, block_id):
    made = get_object_or_404(Block, pk=block_id, blocker=request.member)
    made.delete()
    messages.success(request, _("That block is lifted."))
    return redirect("community:blocked")


@community_view
def suspended(request):
    """A suspended member reads why, until when, and may appeal once."""
    suspension = members.suspension_of(request.member)
    if suspension is None:
        return redirect("community:index")
    appeal = Appeal.objects.filter(suspension=suspension).first()
    form = AppealForm(request.POST if request.method == "POST" and appeal is None else None)
    if form.is_bound and form.is_valid():
        Appeal.objects.create(suspension=suspension, text=form.cleaned_data["text"])
        messages.success(request, _("Your appeal is sent. A moderator will answer it here."))
        return redirect("community:suspended")
    return render(
        request,
        "community/suspended.html",
        {**_common(request), "suspension": suspension, "appeal": appeal, "form": form},
    )
