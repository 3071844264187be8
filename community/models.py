"""The community room's rows. None of them is sealed: the community is shared.

A member's community self (`Member`) is kept apart from their account: a name
of its own, never the sign-in name, and nothing about where or when they are.
A decoy space never gets a `Member` (see community/members.py).

Posts are numbered within their thread (`position`), so a page of a thread
is found by position (keyset paging), never by skipping rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        MODERATOR = "moderator", _("moderator")
        ADMIN = "admin", _("admin")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_member"
    )
    name = models.CharField(max_length=24)
    name_key = models.CharField(max_length=24, unique=True)
    name_changed_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(default=timezone.now)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["joined_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_moderator(self) -> bool:
        return self.role in (self.Role.MODERATOR, self.Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class Board(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("discussion")
        REMINDERS = "reminders", _("reminders")

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=80)
    # What a glance at a discreet screen sees instead (docs/ARCHITECTURE.md, "Discreet words").
    discreet_title = models.CharField(max_length=80, blank=True, default="")
    description = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title

    def title_for(self, discreet: bool) -> str:
        return self.discreet_title if discreet and self.discreet_title else self.title

    @property
    def is_reminders(self) -> bool:
        return self.kind == self.Kind.REMINDERS


class State(models.TextChoices):
    PUBLISHED = "published", _("published")
    HELD = "held", _("waiting for review")
    HIDDEN = "hidden", _("hidden after flags")
    REMOVED = "removed", _("removed")


class Thread(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="threads")
    # None once the member who started it has deleted their account: their
    # posts went with them, others' replies stay (community/leaving.py).
    author = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    title = models.CharField(max_length=120)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    # The position the next post takes; posts are never renumbered.
    next_position = models.PositiveIntegerField(default=1)
    # The highest position of a published post (what "unread" compares with).
    last_published = models.PositiveIntegerField(default=0)
    slow_mode_seconds = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_post_at"]
        indexes = [models.Index(fields=["board", "state", "-last_post_at"])]

    def __str__(self) -> str:
        return f"thread {self.id}"


class Post(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    position = models.PositiveIntegerField()
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="posts")
    body = models.TextField()
    # The body as sanitised HTML, made once when written (community/markup.py).
    html = models.TextField()
    content_warning = models.CharField(max_length=80, blank=True, default="")
    # Rendered from the quoted post each time the page is made, so words that
    # are later removed, or whose writer is blocked, vanish from the quote too.
    quote = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.PUBLISHED)
    # Why it waits for review (shown to moderators only).
    held_because = models.CharField(max_length=200, blank=True, default="")
    # Crisis words: the post comes first in the review queue.
    crisis = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["thread", "position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="one_post_per_position")
        ]
        indexes = [
            models.Index(fields=["state", "-crisis", "created_at"], name="community_queue"),
            models.Index(fields=["author", "-created_at"], name="community_by_author"),
            # Search shows the newest matches: for a common word, walking the
            # newest posts finds 50 sooner than sorting every match.
            models.Index(fields=["state", "-created_at"], name="community_recent"),
        ]

    def __str__(self) -> str:
        return f"post {self.id}"

    @property
    def published(self) -> bool:
        return self.state == State.PUBLISHED


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HUG = "hug", _("Hug")
        ME_TOO = "me_too", _("Me too")
        PROUD = "proud", _("Proud of you")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=8, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"reaction {self.pk}"


class Bookmark(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="bookmarks")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["member", "post"], name="one_bookmark")]

    def __str__(self) -> str:
        return f"bookmark {self.pk}"


class Reading(models.Model):
    """How far a member has read a thread, and whether they follow it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="readings")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="readings")
    read_up_to = models.PositiveIntegerField(default=0)
    following = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "thread"], name="one_reading")]

    def __str__(self) -> str:
        return f"reading {self.pk}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("A new reply in a thread you follow")
        QUOTE = "quote", _("Someone quoted you")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notifications")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    seen = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "post", "kind"], name="one_notice_each")
        ]

    def __str__(self) -> str:
        return f"notification {self.pk}"


class Block(models.Model):
    """Two-way: once made, neither member sees the other anywhere."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    blocker = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocks_against")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block")]

    def __str__(self) -> str:
        return f"block {self.id}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        UNKIND = "unkind", _("It's unkind or blaming")
        PERSONAL = "personal", _("It shares someone's personal details")
        UNSAFE = "unsafe", _("Someone may be in danger")
        SPAM = "spam", _("It's advertising or spam")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        OPEN = "open", _("waiting")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    # None: raised by a watched word, not by a member.
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="flags_raised"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=300, blank=True, default="")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "member"],
                condition=models.Q(member__isnull=False),
                name="one_flag_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"flag {self.id}"


class WatchedWord(models.Model):
    class Action(models.TextChoices):
        BLOCK = "block", _("Stop the post")
        HOLD = "hold", _("Hold it for review")
        FLAG = "flag", _("Publish it, and flag it for a look")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    word = models.CharField(max_length=60)
    word_key = models.CharField(max_length=60, unique=True)
    action = models.CharField(max_length=8, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["word_key"]

    def __str__(self) -> str:
        return f"watched word {self.id}"


class Suspension(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(max_length=300)
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"suspension {self.id}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None and self.ends_at > timezone.now()


class Appeal(models.Model):
    class Outcome(models.TextChoices):
        OPEN = "open", _("waiting")
        LIFTED = "lifted", _("suspension lifted")
        KEPT = "kept", _("suspension kept")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    suspension = models.OneToOneField(Suspension, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.OPEN)
    answer = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"appeal {self.id}"


class ModAction(models.Model):
    """Every moderation step, with its reason. Never deleted with the post."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("approved a post")
        REMOVE = "remove", _("removed a post")
        RESTORE = "restore", _("restored a hidden post")
        AUTO_HIDE = "auto_hide", _("hid a post after flags")
        SUSPEND = "suspend", _("suspended a member")
        LIFT = "lift", _("lifted a suspension")
        KEEP = "keep", _("kept a suspension after an appeal")
        SLOW = "slow", _("changed a thread's slow mode or lock")
        WORD = "word", _("changed the watched words")
        ROLE = "role", _("changed a member's role")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # None: done by Haven itself (automatic hiding).
    moderator = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions_taken"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL)
    subject = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions_about"
    )
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"moderation action {self.id}"
