"""The records room: incidents, every version of them, and their evidence.

What the server can see of a record: that a row exists, when it was written
(`created_at`, and each version's `recorded_at`), how many versions it has,
and hashes that say nothing about the words (see records/chain.py). Everything
the person typed or attached is sealed with their key.
"""

from __future__ import annotations

from django.db import models

from vault.records import PrivateRecord, SealedJSONField


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
