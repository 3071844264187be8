"""A member's spaces: the real one and the decoys below it.

The duress passphrase of a space opens its decoy. A decoy is a space like any
other (T2): it can have a duress passphrase of its own, which opens a fresh
decoy below it, up to DEPTH decoys deep; the deepest one's duress passphrase
opens itself. Every passphrase of the tree is kept as a "door" on a keyring
and shares the member's salt, so one Argon2id run checks them all, whichever
was typed.

A name usually has one member. When a decoy is "deleted" from inside it, the
name is freed as a real deletion would free it, and the real space stays
reachable by the same name through `hidden_name`; if someone then signs up
with that name, their keyring shares the same salt, so still one run checks
every passphrase that goes with the name.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import User, name_key
from vault import keyring as vault_keyring
from vault.keys import pepper
from vault.models import Keyring

DEPTH = 3
# One query loads a member with its whole chain of decoys and their keyrings.
_CHAIN = [("decoy__" * n) + "decoy" for n in range(DEPTH)]
RELATED = ["keyring", *_CHAIN, *(f"{path}__keyring" for path in _CHAIN)]


@dataclass(frozen=True)
class Door:
    """A passphrase of the tree and the space it opens."""

    vault_door: vault_keyring.Door
    space: User
    depth: int


@dataclass(frozen=True)
class Opened:
    member: User  # the person the name belongs to
    space: User  # the member, or one of their decoys
    depth: int  # 0 for the real space
    dek: bytes


def hidden_key(name: str) -> str:
    """How a freed name still finds the real space (keyed, so not a plain lookup)."""
    digest = hmac.new(pepper(), b"haven/v1/hidden-name|" + name_key(name).encode(), hashlib.sha256)
    return digest.hexdigest()


def ring_of(space: User | None) -> Keyring | None:
    if space is None:
        return None
    try:
        return space.keyring
    except Keyring.DoesNotExist:
        return None


def child_of(space: User) -> User | None:
    try:
        return space.decoy
    except User.DoesNotExist:
        return None


def depth_of(space: User) -> int:
    depth = 0
    while space.is_decoy and space.decoy_for is not None:
        space = space.decoy_for
        depth += 1
    return depth


def parent_of(space: User) -> User:
    return space.decoy_for if space.is_decoy and space.decoy_for is not None else space


def members_named(name: str) -> list[User]:
    """Every member this name may open, oldest first, each with its chain loaded."""
    return list(
        User.objects.members()
        .filter(is_active=True)
        .filter(Q(username_key=name_key(name)) | Q(hidden_name=hidden_key(name)))
        .select_related(*RELATED)
        .order_by("date_joined")
    )


def load(member: User) -> User:
    """`member` again, with its chain loaded as members_named() loads it."""
    return User.objects.select_related(*RELATED).get(pk=member.pk)


def doors(member: User) -> list[Door]:
    """Every passphrase of the member's tree, the real one first."""
    ring = ring_of(member)
    if ring is None:
        return []
    found = [Door(vault_keyring.Door(ring, "passphrase"), member, 0)]
    holder: Keyring | None = ring
    space, depth = member, 0
    while holder is not None and holder.has_duress:
        if depth >= DEPTH:
            # The deepest decoy's duress passphrase opens the decoy itself.
            found.append(Door(vault_keyring.Door(holder, "duress"), space, depth))
            break
        child = child_of(space)
        if child is None:
            break  # a duress passphrase with no space to open: it opens nothing
        found.append(Door(vault_keyring.Door(holder, "duress"), child, depth + 1))
        holder, space, depth = ring_of(child), child, depth + 1
    return found


def salt_ring(members: list[User]) -> Keyring | None:
    for member in members:
        ring = ring_of(member)
        if ring is not None:
            return ring
    return None


def unlock(members: list[User], passphrase: str) -> Opened | None:
    """One Argon2id run, compared against every passphrase of every member named so."""
    ring = salt_ring(members)
    found_doors = [
        (member, door)
        for member in members
        for door in doors(member)
        if ring is not None and bytes(door.vault_door.ring.salt) == bytes(ring.salt)
    ]
    found = vault_keyring.unlock_doors(ring, [d.vault_door for _m, d in found_doors], passphrase)
    if found is None:
        return None
    index, dek = found
    member, door = found_doors[index]
    return Opened(member, door.space, door.depth, dek)


def opens(space: User, passphrase: str) -> bool:
    """Is this the passphrase of this space? One Argon2id run, like a sign-in."""
    member = load(space.owner)
    ring = ring_of(member)
    own = [door.vault_door for door in doors(member) if door.space.pk == space.pk]
    return vault_keyring.unlock_doors(ring, own, passphrase) is not None


def has_duress(space: User) -> bool:
    ring = ring_of(space)
    return bool(ring and ring.has_duress)


def recover(members: list[User], code: str) -> Opened | None:
    """The recovery code of any space of the name: the real one's or a decoy's."""
    rings = [
        (member, space, depth, ring)
        for member in members
        for depth, space in enumerate(chain(member))
        if (ring := ring_of(space)) is not None
    ]
    found = vault_keyring.open_any_with_recovery_code([ring for *_rest, ring in rings], code)
    if found is None:
        return None
    index, dek = found
    member, space, depth, _ring = rings[index]
    return Opened(member, space, depth, dek)


def below(space: User, dek: bytes) -> list[tuple[User, bytes]]:
    """The decoys under `space`, each with its key (opened from the one above)."""
    found = []
    depth = depth_of(space)
    while depth < DEPTH:
        child = child_of(space)
        ring = ring_of(space)
        child_dek = vault_keyring.decoy_dek(ring, dek) if ring and child else None
        if child is None or child_dek is None:
            break
        found.append((child, child_dek))
        space, dek, depth = child, child_dek, depth + 1
    return found


def chain(space: User, depth: int = 0) -> list[User]:
    """`space` and the decoys below it, in order (`depth`: how deep `space` is),
    read from what is loaded where members_named() or load() loaded it."""
    found = []
    current: User | None = space
    while current is not None:
        found.append(current)
        if depth >= DEPTH:
            break
        current, depth = child_of(current), depth + 1
    return found


def every_space(members: list[User]) -> list[User]:
    """The members and all their decoys, real spaces first."""
    return [space for member in members for space in chain(member)]


def tree_ids(space: User) -> list:
    """`space` and the decoys below it."""
    return [each.pk for each in chain(space, depth_of(space))]
