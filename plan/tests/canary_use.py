"""Fill every private field of the safety plan and the exit plan with the canary.

tests/test_canary.py calls use_everything() and then searches the database,
the SQL, the logs and the media folder for the canary.
"""

from django.test import Client

from plan.exit_content import STEPS
from plan.safety_content import BAG_KEYS, CHECKLIST_KEYS, DOCUMENT_KEYS, SECURITY_KEYS


def safety_plan_filled(canary: str) -> dict[str, str]:
    data = {f"{prefix}-rows": "3" for prefix in ("place", "number", "owndoc", "ownbag")}
    for key in CHECKLIST_KEYS:
        data[f"check-{key}"] = "done"
        data[f"check-{key}-note"] = f"{canary} note {key}"
    for index in range(3):
        data[f"place-{index}-name"] = f"{canary} place {index}"
        data[f"place-{index}-route"] = f"{canary} route {index}"
        data[f"number-{index}-label"] = f"{canary} label {index}"
        data[f"number-{index}-number"] = f"{canary} 0800 00{index}"
        data[f"owndoc-{index}-name"] = f"{canary} paper {index}"
        data[f"owndoc-{index}-where"] = f"{canary} drawer {index}"
        data[f"owndoc-{index}-done"] = "on"
        data[f"ownbag-{index}-name"] = f"{canary} item {index}"
        data[f"ownbag-{index}-done"] = "on"
    for key in DOCUMENT_KEYS:
        data[f"doc-{key}-done"] = "on"
        data[f"doc-{key}-where"] = f"{canary} kept {key}"
    for key in BAG_KEYS:
        data[f"bag-{key}"] = "on"
    for name in ("name", "reach", "checkin", "codeword"):
        data[f"person-{name}"] = f"{canary} person {name}"
    for key in SECURITY_KEYS:
        data[f"sec-{key}"] = "on"
    data["sec-note"] = f"{canary} security note"
    return data


def exit_step_filled(step, canary: str) -> dict[str, str]:
    data = {"own-rows": "3", "notes": f"{canary} notes {step.number}", "target": "2031-01-31"}
    for key in step.task_keys:
        data[f"task-{key}-done"] = "on"
        data[f"task-{key}-date"] = "2031-01-15"
    for index in range(3):
        data[f"own-{index}-text"] = f"{canary} own task {step.number}.{index}"
        data[f"own-{index}-done"] = "on"
        data[f"own-{index}-date"] = "2031-02-01"
    return data


def use_everything(client: Client, canary: str) -> None:
    safety = safety_plan_filled(canary)
    client.post("/drafts/safety-plan/", safety)  # an autosaved draft
    client.post("/safety-plan/", dict(safety, more="place"))  # add rows without JS
    client.post("/safety-plan/", dict(safety, **{"place-0-name": ""}))  # a kind error
    client.post("/safety-plan/", safety)
    client.get("/safety-plan/print/")
    client.get("/safety-plan/pdf/")
    for step in STEPS:
        filled = exit_step_filled(step, canary)
        client.post(f"/drafts/exit-step-{step.number}/", filled)
        client.post(f"/exit-plan/{step.number}/", dict(filled, more="own"))
        client.post(f"/exit-plan/{step.number}/", dict(filled, target=f"31/02 {canary}"))
        client.post(f"/exit-plan/{step.number}/", filled)
    client.get("/exit-plan/")
