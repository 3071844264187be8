"""Who may do what in the community, as view decorators and lookups.

Every community page is for signed-in members with an open space
(`private_view`); it shows community content only. A decoy space reads
along but never writes, and never has a community name.
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.decorators import private_view
from community import members, posting
from community.models import Post, Thread


def community_view(view):
    @private_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.member = members.member_for(request.user)
        request.reader = members.reader_for(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def writer_view(view):
    """A page that writes: a member with a name, who has said they understand, not suspended."""

    @community_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_decoy:
            return render(request, "community/reading_only.html", status=403)
        if request.member is None:
            return redirect("community:join")
        if members.suspension_of(request.member) is not None:
            return redirect("community:suspended")
        return view(request, *args, **kwargs)

    return wrapper


def moderator_view(view):
    @community_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.member is None or not request.member.is_moderator:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def admin_view(view):
    @community_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.member is None or not request.member.is_admin:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_thread_for(request, thread_id) -> Thread:
    """A published thread this member may see (404 for one they blocked, or that blocked them)."""
    return get_object_or_404(posting.visible_threads(request.reader), pk=thread_id)


def get_post_for(request, post_id) -> Post:
    return get_object_or_404(posting.visible_posts(request.reader), pk=post_id)
