import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core import discreet
from vault.records import SealedField


def name_key(name: str) -> str:
    """Sign-in names are matched without regard to case or surrounding space."""
    return name.strip().casefold()


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username):
        return self.get(username_key=name_key(username))

    def members(self):
        return self.filter(is_decoy=False)

    def create_user(self, username, password=None, **extra):
        user = self.model(username=username.strip(), username_key=name_key(username), **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member (signs in through the vault) or an operator (Django password).

    A member's decoy space is a second, hidden User that the duress
    passphrase opens. Nothing here is private text: private data lives in
    sealed fields elsewhere.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    username = models.CharField(_("sign-in name"), max_length=40)
    username_key = models.CharField(max_length=40, unique=True, editable=False)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_decoy = models.BooleanField(default=False, editable=False)
    decoy_for = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="decoy"
    )
    date_joined = models.DateTimeField(default=timezone.now)
    recovery_confirmed = models.BooleanField(default=False)
    auto_lock_minutes = models.PositiveSmallIntegerField(default=15)
    exit_url = models.CharField(max_length=200, blank=True, default="")
    discreet = models.CharField(max_length=16, blank=True, default="", choices=discreet.CHOICES)
    # "Show help lines when what I write sounds heavy" (resources.api.wants_help_lines).
    show_help_lines = models.BooleanField(default=True)
    totp_secret = SealedField(null=True)
    totp_last_step = models.PositiveBigIntegerField(default=0, editable=False)
    # Moves on whenever this space's keys change (passphrase, recovery code,
    # two-step, duress): every session opened before then ends.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # Set when the decoy was "deleted" from inside it: the sign-in name is then
    # free for anyone (`username_key` holds a random placeholder), and this
    # keyed form of it still finds the person's real space.
    hidden_name = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    # The person is told, once, at their next sign-in.
    tell_decoy_deleted = models.BooleanField(default=False, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username_key"
    REQUIRED_FIELDS = []  # type: ignore[var-annotated]

    class Meta:
        ordering = ["date_joined"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.hidden_name:
            self.username_key = name_key(self.username)
            if kwargs.get("update_fields") is not None and "username" in kwargs["update_fields"]:
                kwargs["update_fields"] = {*kwargs["update_fields"], "username_key"}
        super().save(*args, **kwargs)

    def get_session_auth_hash(self) -> str:
        return self._epoch_hash(None)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._epoch_hash(secret)

    def _epoch_hash(self, secret) -> str:
        # Django ends any session whose stored hash no longer matches, so
        # moving the epoch on signs every other session out at once.
        return salted_hmac(
            "accounts.User.session",
            f"{self.password}|{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def display_name(self) -> str:
        # A decoy shows its owner's name, so it looks like the real account.
        return self.owner.username

    @property
    def owner(self) -> "User":
        """The person behind this account: the member at the top of a decoy's chain."""
        space = self
        while space.is_decoy and space.decoy_for is not None:
            space = space.decoy_for
        return space

    @property
    def totp_enabled(self) -> bool:
        return bool(self.totp_secret)


class RememberedDevice(models.Model):
    """A browser that has opened this space (T7): see accounts/devices.py.

    The browser holds a random token in an HttpOnly cookie that names no one;
    here only a keyed hash of it, bound to this space, is kept. Sign-ins from
    such browsers are counted on their own budget, so guesses at the name
    from elsewhere can't keep the person out of them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="remembered_devices")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_used_at"]

    def __str__(self) -> str:
        return f"remembered device {self.id}"


class DuressEvent(models.Model):
    """Someone signed in with the duress passphrase.

    Kept for the silent alert to a trusted contact, which the check-in work
    delivers. It holds no place, address or device detail.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be delivered")
        DELIVERED = "delivered", _("delivered")
        NO_CONTACT = "no_contact", _("no trusted contact to tell")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="duress_events")
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"duress event {self.id}"
