"""Fill every private field of the checks and the reconciliation record with the canary."""

import datetime

from django.test import Client
from django.utils import timezone

from assess import content

ALL_OFTEN = {key: "often" for key in content.PATTERN_KEYS}


def use_everything(client: Client, canary: str) -> None:
    # A relationship check, saved (answers are choices, sealed all the same).
    client.post(
        "/check/relationship/save/",
        {
            "relationship": "partner",
            "hurt": "no",
            "threatened": "no",
            "afraid": "skip",
            "substances": "yes",
            **ALL_OFTEN,
        },
    )
    # A danger screen, saved.
    client.post("/check/danger/save/", {key: "unsure" for key in content.DANGER_KEYS})

    today = timezone.localdate()
    earlier = today - datetime.timedelta(days=8)
    # A reconciliation note, then an edit of it, and a note left as a draft.
    client.post(
        "/check/reconciliation/",
        {
            "on": earlier.isoformat(),
            "sign": "acknowledged",
            "status": "held",
            "note": f"{canary} they named it",
        },
    )
    from assess.models import Observation, Step

    note = Observation.objects.order_by("-created_at").first()
    client.post(
        f"/check/reconciliation/notes/{note.pk}/edit/",
        {
            "on": today.isoformat(),
            "sign": "change",
            "status": "slipped",
            "note": f"{canary} edited",
        },
    )
    client.post(
        "/check/reconciliation/",
        {"on": today.isoformat(), "sign": "boundaries", "status": "unsure", "note": f"{canary} 2"},
    )
    client.post("/drafts/reconcile-observation/", {"note": f"{canary} unfinished note"})
    # Conditions, a trusted person, and a step (added, then edited).
    client.post(
        "/check/reconciliation/if-you-go-ahead/",
        {
            "form": "conditions",
            "conditions": f"{canary} weekly therapy\n{canary} public places only",
            "trusted_person": f"{canary} my sister",
        },
    )
    client.post(
        "/check/reconciliation/if-you-go-ahead/",
        {
            "form": "step",
            "on": (today + datetime.timedelta(days=30)).isoformat(),
            "text": f"{canary} first coffee, in public",
            "check": f"{canary} they arrive on time",
        },
    )
    step = Step.objects.order_by("-created_at").first()
    client.post(
        f"/check/reconciliation/steps/{step.pk}/edit/",
        {
            "on": (today + datetime.timedelta(days=40)).isoformat(),
            "text": f"{canary} step edited",
            "check": f"{canary} check edited",
        },
    )
    client.post("/drafts/reconcile-step/", {"text": f"{canary} unfinished step"})
    client.post("/drafts/reconcile-conditions/", {"conditions": f"{canary} unfinished"})
