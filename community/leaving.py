"""When a member deletes their account, their words go and everyone else's stay.

Their posts, reactions, bookmarks, follows, blocks, the flags they raised,
their notifications and their community name all go with the `Member` row
(cascading foreign keys). A thread they started is different: other people
may have replied in it, and those replies are theirs. So a thread only goes
when nothing of anyone else is left in it; otherwise it stays, with no
starter (`Thread.author` is None), and the thread page shows a kind line
where the first post was.

This runs on the model's delete signals, so it holds however the member is
deleted: with their account, or by an operator in the admin.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, pre_delete

from community.models import Member, Post, Thread


def _note_threads(sender, instance: Member, **kwargs) -> None:
    instance._started_threads = list(
        Thread.objects.filter(author=instance).values_list("pk", flat=True)
    )


def _drop_empty_threads(sender, instance: Member, **kwargs) -> None:
    started = getattr(instance, "_started_threads", [])
    if not started:
        return
    # By now their posts are gone; a thread with nobody else's left goes too.
    with_others = Post.objects.filter(thread_id__in=started).values("thread_id")
    Thread.objects.filter(pk__in=started, author__isnull=True).exclude(pk__in=with_others).delete()


def connect() -> None:
    pre_delete.connect(_note_threads, sender=Member, dispatch_uid="community-leaving-note")
    post_delete.connect(_drop_empty_threads, sender=Member, dispatch_uid="community-leaving-drop")
