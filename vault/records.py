"""The base every private model stands on, and the sealed field types.

    class Reason(PrivateRecord):
        text = SealedField()

    class SafetyPlan(PrivateDocument):          # one per member
        data = SealedJSONField(version=2, upgrades={1: add_contacts})

    reason = Reason.objects.get_for_user(request, reason_id)   # 404 unless theirs

A `SealedField` holds `version | nonce | ciphertext+tag` written by the vault
(`request.vault.seal(...)`); the field type itself never seals or opens
anything, it marks the column so code and tests can list every sealed field
(`sealed_fields(model)`, `all_sealed_fields()`).

A `SealedJSONField` holds a JSON document with a schema version. The vault's
`seal_json` stores `{"$v": version, "d": document}`; `open_json` applies the
field's upgrade steps in order (`upgrades[n]` turns a version-n document into
version n+1) before handing the document back. Documents written before
versions existed (a bare JSON value) count as version 1.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

Upgrade = Callable[[Any], Any]
VERSION_KEY = "$v"
DOCUMENT_KEY = "d"


class SealedField(models.BinaryField):
    """Bytes sealed by the vault under the owner's data key (or a server key)."""

    description = "A value sealed by the vault"

    def __init__(self, *args: Any, server: bool = False, **kwargs: Any) -> None:
        # server=True: sealed with the server key, readable while the person is away.
        self.server_sealed = server
        for key, value in self._implied(kwargs.get("null", False)).items():
            kwargs.setdefault(key, value)
        super().__init__(*args, **kwargs)

    @staticmethod
    def _implied(null: bool) -> dict[str, Any]:
        # Nothing sealed yet is stored as "nothing": NULL where allowed, else empty bytes.
        return {"default": None if null else b"", "blank": True, "editable": False}

    def deconstruct(self):  # type: ignore[override]
        name, path, args, kwargs = super().deconstruct()
        # Behaviour, not schema: migrations need not record what __init__ implies
        # (but an explicit, different choice is kept).
        for key, value in self._implied(self.null).items():
            if key in kwargs and kwargs[key] == value:
                del kwargs[key]
        if self.server_sealed:
            kwargs["server"] = True
        return name, path, args, kwargs


class SealedJSONField(SealedField):
    """A sealed JSON document that carries its schema version."""

    def __init__(
        self,
        *args: Any,
        version: int = 1,
        upgrades: dict[int, Upgrade] | None = None,
        **kwargs: Any,
    ) -> None:
        self.schema_version = version
        self.upgrades = upgrades or {}
        missing = [n for n in range(1, version) if n not in self.upgrades]
        if missing:
            raise ValueError(f"no upgrade step from schema version(s) {missing}")
        super().__init__(*args, **kwargs)

    def wrap(self, document: Any) -> dict[str, Any]:
        return {VERSION_KEY: self.schema_version, DOCUMENT_KEY: document}

    def unwrap(self, stored: Any) -> Any:
        """The stored JSON (any version) as a document of the current version."""
        if is_wrapped(stored):
            version, document = stored[VERSION_KEY], stored[DOCUMENT_KEY]
        else:
            version, document = 1, stored
        if version > self.schema_version:
            raise ValueError(
                f"{self.model._meta.label}.{self.name} holds schema version {version}, "
                f"newer than this Haven's {self.schema_version}"
            )
        while version < self.schema_version:
            document = self.upgrades[version](document)
            version += 1
        return document


def is_wrapped(stored: Any) -> bool:
    """Whether stored JSON is a versioned envelope, not a document from before versions.

    Strict on purpose: an old bare document is only mistaken for an envelope if
    it has exactly these two keys and an integer version, which no Haven
    document ever had.
    """
    return (
        isinstance(stored, dict)
        and set(stored) == {VERSION_KEY, DOCUMENT_KEY}
        and type(stored[VERSION_KEY]) is int
        and stored[VERSION_KEY] >= 1
    )


def sealed_fields(model: type[models.Model]) -> list[SealedField]:
    return [f for f in model._meta.get_fields() if isinstance(f, SealedField)]


def all_sealed_fields() -> list[tuple[type[models.Model], SealedField]]:
    return [(model, f) for model in apps.get_models() for f in sealed_fields(model)]


def owner_of(request_or_user: Any):
    return getattr(request_or_user, "user", request_or_user)


class PrivateQuerySet(models.QuerySet):
    def owned_by(self, request_or_user: Any) -> PrivateQuerySet:
        return self.filter(owner=owner_of(request_or_user))

    def get_for_user(self, request_or_user: Any, pk: Any) -> Any:
        """The row if it belongs to this person; 404 otherwise (never 403: it says nothing).

        A malformed id is "not found" too, not a server error.
        """
        try:
            return get_object_or_404(self, pk=pk, owner=owner_of(request_or_user))
        except (ValidationError, ValueError):
            raise Http404 from None


PrivateManager = models.Manager.from_queryset(PrivateQuerySet)


class PrivateRecord(models.Model):
    """One of many private rows a member owns. Everything typed is in sealed fields."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_set",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrivateManager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # Never the content: admin lists, logs and error pages show only this.
        return f"{self._meta.verbose_name} {self.pk}"


class PrivateDocument(PrivateRecord):
    """The one private document of its kind a member owns (a safety plan, a money plan)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s",
    )

    class Meta:
        abstract = True
