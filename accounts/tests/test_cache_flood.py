"""Someone who knows a person's sign-in name tries to wipe the count of their
guesses by filling the cache with other things: image cards anyone can ask
for, or anything else that lands in a cache. The counts live in a cache of
their own, so nothing anyone can fill pushes them out."""

import pytest
from django.conf import settings
from django.core.cache import caches

from accounts import throttle

pytestmark = pytest.mark.django_db


def spend_the_name(key: str) -> list[throttle.Bucket]:
    buckets = throttle.name_buckets(key)
    for _ in range(settings.HAVEN_SIGNIN_LIMIT_PER_NAME):
        assert throttle.take(buckets).allowed
    assert not throttle.check(buckets).allowed
    return buckets


def test_filling_every_other_cache_never_forgets_a_count_of_guesses():
    buckets = spend_the_name("willow")
    for name in caches.settings:
        if name == "limits":
            continue
        for n in range(3_000):  # ten times what a full cache holds here
            caches[name].set(f"flood-{n}", b"x" * 64)
    assert not throttle.check(buckets).allowed


def test_the_same_flood_in_the_counts_own_cache_would_forget_it():
    # The attack the test above defends against, shown working: had the
    # counts shared a cache with what anyone can fill, they would be gone.
    buckets = spend_the_name("heron")
    for n in range(3_000):
        caches["limits"].set(f"flood-{n}", b"x" * 64)
    assert throttle.check(buckets).allowed


def test_on_one_machine_the_counts_cache_is_made_too_large_to_fill():
    from haven import settings as production

    limits = production.CACHES["limits"]
    if "redis" in limits["BACKEND"].lower():
        pytest.skip("with Redis, counts stay until their window ends (no entry limit)")
    assert limits["OPTIONS"]["MAX_ENTRIES"] >= 1_000_000
    others = [alias["LOCATION"] for name, alias in production.CACHES.items() if name != "limits"]
    assert limits["LOCATION"] not in others
