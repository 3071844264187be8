"""What the community offers other rooms, on purpose (the inspire room reads reminders).

latest_reminders(viewer_user, limit=10) -> list[dict]
reminder_post_url() -> str
reminders_board_url() -> str

The inspire room finds this module through the registry (`extra`
"members_reminders" in community/feature.py), so it never imports it.
"""

from __future__ import annotations

from django.urls import reverse

from community import members, posting
from community.models import Board, Reaction

REMINDERS = "reminders"


def latest_reminders(viewer_user, limit: int = 10) -> list[dict]:
    """The newest published reminders members wrote, as this viewer may see them.

    Each: id, url, html (sanitised on the server), reactions ({kind: count},
    counts only), created (a datetime). Blocked writers, held and removed
    posts are left out; a decoy never shows the person's own reminders.
    """
    viewer = members.reader_for(viewer_user) if viewer_user is not None else None
    posts = list(
        posting.visible_posts(viewer)
        .filter(thread__board__slug=REMINDERS, position=1)
        .order_by("-created_at")[: max(0, limit)]
    )
    counts = posting.reaction_counts(viewer, posts)
    return [
        {
            "id": str(post.id),
            "url": reverse("community:post", args=[post.id]),
            "html": post.html,
            "reactions": {
                kind: counts.get(post.id, {}).get(kind, 0) for kind in Reaction.Kind.values
            },
            "created": post.created_at,
        }
        for post in posts
    ]


def reminder_post_url(viewer_user=None) -> str:
    """Where this person writes a reminder: the Reminders board's new-post
    page, or first the page where they choose a community name."""
    if not Board.objects.filter(slug=REMINDERS).exists():
        return reverse("community:index")
    if viewer_user is not None and members.member_for(viewer_user) is None:
        return reverse("community:join")
    return reverse("community:new_thread", args=[REMINDERS])


def reminders_board_url() -> str:
    if not Board.objects.filter(slug=REMINDERS).exists():
        return reverse("community:index")
    return reverse("community:board", args=[REMINDERS])
