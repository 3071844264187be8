import uuid

from django.conf import settings
from django.db import models

from vault.records import SealedJSONField


class Keyring(models.Model):
    """Everything needed to reach an account's data key, and nothing that reveals it.

    The data key (DEK) is stored only wrapped: by the passphrase-derived key,
    by the recovery code, and (for the decoy space) by the duress passphrase.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keyring"
    )
    salt = models.BinaryField(max_length=16)
    kdf = models.JSONField(help_text="Argon2id parameters used for this account's passphrases.")
    verifier = models.BinaryField(max_length=32)
    wrapped_dek = models.BinaryField()
    recovery_wrapped_dek = models.BinaryField()
    duress_verifier = models.BinaryField(max_length=32, null=True, blank=True)
    # The decoy space's own key, under the duress passphrase...
    duress_wrapped_dek = models.BinaryField(null=True, blank=True)
    # ...and under the real data key, so the person can prepare the decoy.
    decoy_dek_under_dek = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"keyring {self.id}"

    @property
    def has_duress(self) -> bool:
        return self.duress_verifier is not None


class Draft(models.Model):
    """Unsaved form input, autosaved while the person types, sealed like any record.

    One per (owner, key); `key` names the form ("safety-plan", "reason-new").
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    key = models.CharField(max_length=80)
    data = SealedJSONField(version=1)  # field name -> value(s)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="one_draft_per_form")]

    def __str__(self) -> str:
        return f"draft {self.id}"
