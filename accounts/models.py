import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
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
    totp_secret = SealedField(null=True)
    totp_last_step = models.PositiveBigIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username_key"
    REQUIRED_FIELDS = []  # type: ignore[var-annotated]

    class Meta:
        ordering = ["date_joined"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.username_key = name_key(self.username)
        if kwargs.get("update_fields") is not None and "username" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "username_key"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        # The decoy shows its owner's name, so it looks like the real account.
        return self.decoy_for.username if self.is_decoy and self.decoy_for else self.username

    @property
    def owner(self) -> "User":
        """The person behind this account (the decoy's owner for a decoy)."""
        return self.decoy_for if self.is_decoy and self.decoy_for else self

    @property
    def totp_enabled(self) -> bool:
        return bool(self.totp_secret)


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
