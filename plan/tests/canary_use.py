"""Fill every private field of the plan app with the canary: reasons, the
safety plan and the six steps of the exit plan, each through its own page.

Each form is filled from the page as the person sees it (tests/steps.py), so
a box added later is filled too, and every step checks it worked: a save
lands where it should and shows back everything typed.
"""

from django.test import Client

from tests.steps import get_ok, ids_in, keep_draft, page_form, post_ok

EDIT_REASON = r"/reasons/([0-9a-f-]{36})/edit/"
DIGITS = "0800 000 111"


def use_everything(client: Client, canary: str) -> None:
    write_reasons(client, canary)
    fill_safety_plan(client, canary)
    for number in range(1, 7):
        fill_exit_step(client, canary, number)
    get_ok(client, "/exit-plan/", step="the exit plan's overview")


def write_reasons(client: Client, canary: str) -> None:
    before = ids_in(get_ok(client, "/reasons/"), EDIT_REASON)
    for n in range(3):
        post_ok(
            client,
            "/reasons/",
            {"text": f"{canary} reason {n}"},
            then="/reasons/",
            says=["Your reason is saved.", f"{canary} reason {n}"],
        )
    too_long = f"{canary} " + "too long " * 400
    post_ok(
        client,
        "/reasons/",
        {"text": too_long},
        says=['class="error', too_long[:60]],
        step="a reason too long to keep",
    )
    after = ids_in(get_ok(client, "/reasons/"), EDIT_REASON)
    first, _second, last = [i for i in after if i not in before]
    edit = page_form(get_ok(client, f"/reasons/{first}/edit/"), with_field="text")
    edited = edit.filled(canary, text={"text": f"{canary} edited"})
    post_ok(
        client,
        f"/reasons/{first}/edit/",
        edited.data,
        then="/reasons/",
        says=["Your reason is updated.", f"{canary} edited"],
    )
    post_ok(client, f"/reasons/{first}/move/", {"direction": "down"}, then="plan:reasons")
    get_ok(client, f"/reasons/{last}/delete/", says=f"{canary} reason 2")
    post_ok(client, f"/reasons/{last}/delete/", then="/reasons/", says="That reason is removed.")
    # A reason still being written, kept as a draft and offered back.
    form = page_form(get_ok(client, "/reasons/"), with_field="text")
    keep_draft(client, form.draft_key, {"text": f"{canary} unfinished reason"})
    get_ok(client, "/reasons/", says=f"{canary} unfinished reason")


SAFETY_PARTS = ("checklist", "support", "person", "places", "papers", "bag", "devices")


def fill_safety_plan(client: Client, canary: str) -> None:
    """Every part of the safety plan, one page after another, as the flow leads."""

    def filled(page, slug):
        return page_form(page, draft=f"safety-plan-{slug}").filled(
            canary,
            choose={"check-*": "done"},
            text={"number-*-number": f"{canary} {DIGITS}"},
        )

    typed: dict[str, str] = {}
    for index, slug in enumerate(SAFETY_PARTS):
        path = f"/safety-plan/{slug}/"
        onward = (
            f"/safety-plan/{SAFETY_PARTS[index + 1]}/"
            if index + 1 < len(SAFETY_PARTS)
            else "/safety-plan/check/"
        )
        part = filled(get_ok(client, path), slug)
        if slug == "places":
            # Drafts, more rows and a kind error work alike for every part: once is enough.
            keep_draft(client, part.draft_key, part.data)
            restored = get_ok(client, path, says=part.typed.values())
            more = post_ok(
                client,
                path,
                dict(filled(restored, slug).data, more="place"),
                says=part.typed.values(),
                step="adding places without JavaScript",
            )
            part = filled(more, slug)
            assert len(part.typed) > len(filled(restored, slug).typed), "no new rows to fill"
            post_ok(
                client,
                path,
                dict(part.data, **{"place-0-name": ""}),
                says=["Give this place a short name", part.typed["place-0-route"]],
                step="a place with a route but no name",
            )
        post_ok(client, path, part.data, then=onward, step=f"saving the part {slug}")
        get_ok(client, path, says=part.typed.values(), step=f"the part {slug}, saved")
        typed.update(part.typed)
    get_ok(client, "/safety-plan/", says="7 of 7 parts done")
    get_ok(client, "/safety-plan/check/", says=typed.values(), step="checking the answers")
    get_ok(client, "/safety-plan/print/", says=typed["person-codeword"])
    pdf = get_ok(client, "/safety-plan/pdf/")
    assert pdf["Content-Type"] == "application/pdf", pdf["Content-Type"]


def fill_exit_step(client: Client, canary: str, number: int) -> None:
    path = f"/exit-plan/{number}/"

    def filled(page):
        return page_form(page, with_field="notes").filled(canary)

    step = filled(get_ok(client, path))
    if number == 1:
        # Drafts, more rows and a kind error work alike for every step: once is enough.
        keep_draft(client, step.draft_key, step.data)
        more = post_ok(
            client,
            path,
            dict(filled(get_ok(client, path)).data, more="own"),
            says=step.typed.values(),
            step=f"adding tasks to step {number} without JavaScript",
        )
        step = filled(more)
        post_ok(
            client,
            path,
            dict(step.data, target=f"31/02 {canary}"),
            says=['class="error', f"31/02 {canary}", *step.typed.values()],
            step=f"an impossible date in step {number}",
        )
    post_ok(
        client,
        path,
        step.data,
        then=path,
        says=[f"Step {number} is saved.", *step.typed.values()],
    )
