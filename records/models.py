"""The records room: incidents, every version of them, and their evidence.

What the server can see of a record: that a row exists, when it was written
(`created_at`, and each version's `recorded_at`), how many versions it has,
and hashes that say nothing about the words (see records/chain.py). Everything
the person typed or attached is sealed with their key.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from vault.records import PrivateRecord, SealedField, SealedJSONField


class Incident(PrivateRecord):
    """One incident as it reads now; its history is in `versions`.

    `body` is a sealed copy of the newest version's entry (what lists and
    pages show), so a list opens one value per incident. `head_*` are the
    newest link of this incident's hash chain and the server's signature
    over it.
    """

    body = SealedJSONField()
    head_number = models.PositiveIntegerField(default=0)
    head_link = models.CharField(max_length=64, blank=True)
    head_signature = models.CharField(max_length=128, blank=True)
    head_key_id = models.CharField(max_length=32, blank=True)

    # Bringing in an export rebuilds the chain under this server's key
    # (records/exports.py): the links and signature are new, and the shown
    # entry gains a note of when the earlier Haven received it.
    restore_resets = ("body", "head_link", "head_signature", "head_key_id")

    class Meta:
        ordering = ["-created_at", "-id"]


class IncidentVersion(PrivateRecord):
    """One entry or edit of an incident, as written, chained to the one before.

    `body` is sealed `{"entry": {...}, "salt": "<hex>"}`. `commitment` is a
    salted hash of the entry (records.chain.commitment), `sealed_digest` the
    SHA-256 of the sealed bytes of `body`, `previous` the link before (empty
    for the first) and `link` the hash over all of these with the number and
    the server's time.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = SealedJSONField()
    recorded_at = models.DateTimeField()
    commitment = models.CharField(max_length=64)
    sealed_digest = models.CharField(max_length=64)
    previous = models.CharField(max_length=64, blank=True)
    link = models.CharField(max_length=64)

    # Rebuilt on restore: this server's time and links, the new incident,
    # and the words with the earlier server's time as a note (records/exports.py).
    restore_resets = (
        "incident",
        "body",
        "recorded_at",
        "commitment",
        "sealed_digest",
        "previous",
        "link",
    )

    class Meta:
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="one_version_per_number"),
        ]


class Evidence(PrivateRecord):
    """A file attached to an incident, sealed in chunks in storage.

    `meta` is sealed: the file's name, type, size, the SHA-256 of the bytes
    kept, its kind (photo, screenshot, audio, pdf) and whether the original
    was kept with its metadata. `file_name` and `thumb_name` are storage
    names from vault.files (random, saying nothing).
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    meta = SealedJSONField()
    file_name = models.CharField(max_length=100)
    thumb_name = models.CharField(max_length=100, blank=True)

    # A restore seals each file again under new storage names, on the new incident.
    restore_resets = ("incident", "file_name", "thumb_name", "updated_at")

    class Meta:
        ordering = ["incident", "created_at"]


class Share(PrivateRecord):
    """A read-only copy of chosen entries for someone else, behind a passphrase.

    `copy` holds the entries' proofs and their evidence list, sealed under a
    random share key; the evidence bytes are sealed files (`file_names`, random
    storage names) under the same key. The share key is kept only wrapped by a
    key derived from the share's passphrase (Argon2id, the accounts'
    parameters, `salt` and `kdf` beside it), so the server alone cannot open
    the copy. `link` is the link itself, sealed for the owner, who may want to
    copy it again; the server finds a share by `token_hash` only.
    What the server sees: when it was made, when it ends, how often and when
    it was last opened.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    link = SealedField()
    note = SealedField()
    copy = SealedField()
    wrapped_key = SealedField()
    salt = models.CharField(max_length=64)
    kdf = models.JSONField(default=dict)
    file_names = models.JSONField(default=list)
    entry_count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)
    opened_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    # A link belongs to this server and its time: a restored space starts
    # without any, and the person's export leaves shares out (the copy and its
    # key are sealed under the share's own passphrase, not the member's key;
    # the entries it copied are in the export as entries).
    restored = False
    exported = False

    class Meta:
        ordering = ["-created_at", "-id"]


@receiver(post_delete, sender=Share)
def _share_files_go_with_it(sender, instance: Share, **kwargs) -> None:
    # Revoked, expired or the whole space deleted: its sealed files go too.
    from vault import files

    names = list(instance.file_names or [])

    def delete_them() -> None:
        for name in names:
            files.delete(name)

    transaction.on_commit(delete_them)
