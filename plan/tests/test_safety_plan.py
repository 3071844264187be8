"""The safety plan, one part per page: start page, each part, skipping, going
back, the summary, and plans and drafts kept from the one long form before."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from plan import actions
from plan.models import SafetyPlan
from plan.tests.helpers import FULL_SAFETY_PLAN, PART_SLUGS, form_values, save_whole_plan
from vault.box import Box
from vault.models import Draft

pytestmark = pytest.mark.django_db

# As earlier versions stored a plan saved from the one long form (plan/safety_forms.py).
OLD_PLAN = {
    "checklist": {
        "places": {"status": "done", "note": "my sister's flat"},
        "accounts": {"status": "not_for_me", "note": ""},
    },
    "places": [{"name": "Aunt Mina's house", "route": "Bus 12"}],
    "numbers": [{"label": "Help line", "number": "0800 123 456"}],
    "documents": {"id": {"done": True, "where": "copy with Mina"}},
    "own_documents": [{"name": "Car papers", "where": "glovebox", "done": True}],
    "bag": ["charger"],
    "own_bag": [{"name": "Blue scarf", "done": True}],
    "person": {"name": "Jo", "codeword": "pineapple"},
    "security": ["passwords"],
    "security_note": "new email is with Jo",
}


def states(client) -> dict[str, str]:
    body = client.get("/safety-plan/").content.decode()
    return dict(re.findall(r'id="state-([a-z]+)">([^<]+)<', body))


# ---- The start page --------------------------------------------------------


def test_the_start_page_lists_every_part_not_yet_begun(owner_client):
    response = owner_client.get("/safety-plan/")
    assertContains(response, "0 of 7 parts done")
    assertContains(response, 'href="/safety-plan/checklist/"', count=2)  # the list and "Start"
    assert states(owner_client) == dict.fromkeys(PART_SLUGS, "Not yet")
    assert "no-store" in response["Cache-Control"]


def test_the_start_page_tells_done_started_and_not_yet_apart(owner_client):
    owner_client.post("/safety-plan/person/", {"person-name": "Jo"})
    owner_client.post("/safety-plan/places/", {"place-0-name": "Library", "go": "skip"})
    assert states(owner_client) == {
        **dict.fromkeys(PART_SLUGS, "Not yet"),
        "person": "Done",
        "places": "Started",
    }
    assertContains(owner_client.get("/safety-plan/"), "1 of 7 parts done")


def test_the_start_page_offers_the_first_part_not_done_yet(owner_client):
    owner_client.post("/safety-plan/checklist/", {"check-phone": "done"})
    body = owner_client.get("/safety-plan/").content.decode()
    assert '<a class="button" href="/safety-plan/support/">Carry on</a>' in body


# ---- One part at a time ------------------------------------------------------


def test_each_part_saves_and_leads_on_to_the_next_then_to_the_summary(owner_client):
    for index, slug in enumerate(PART_SLUGS):
        response = owner_client.post(f"/safety-plan/{slug}/", FULL_SAFETY_PLAN)
        onward = (
            f"/safety-plan/{PART_SLUGS[index + 1]}/"
            if index + 1 < len(PART_SLUGS)
            else "/safety-plan/check/"
        )
        assertRedirects(response, onward, fetch_redirect_response=False)
    assert states(owner_client) == dict.fromkeys(PART_SLUGS, "Done")
    summary = owner_client.get("/safety-plan/check/")
    for words in ("Aunt Mina&#x27;s house", "0800 123 456", "pineapple", "glovebox", "Blue scarf"):
        assertContains(summary, words)
    assertNotContains(summary, "Not filled in yet")


def test_every_field_of_every_part_comes_back_after_saving(owner_client):
    save_whole_plan(owner_client)
    shown = {}
    for slug in PART_SLUGS:
        shown.update(form_values(owner_client.get(f"/safety-plan/{slug}/")))
    for name, value in FULL_SAFETY_PLAN.items():
        if name.endswith("-rows") or not value:
            continue
        assert shown.get(name) == value, name
    assert "doc-bank-done" not in shown  # left unticked, stays unticked
    assert shown["place-2-name"] == ""
    assert shown["place-rows"] == "4"  # two places saved, two empty rows wait


def test_saving_one_part_leaves_the_others_as_they_were(owner_client):
    save_whole_plan(owner_client)
    owner_client.post("/safety-plan/person/", {"person-name": "Sam"})
    shown = form_values(owner_client.get("/safety-plan/places/"))
    assert shown["place-0-name"] == "Aunt Mina's house"
    person = form_values(owner_client.get("/safety-plan/person/"))
    assert person["person-name"] == "Sam"
    assert person["person-codeword"] == ""  # this part was saved again, without it


def test_a_part_that_does_not_exist_is_not_found(owner_client):
    assert owner_client.get("/safety-plan/nowhere/").status_code == 404


def test_each_part_page_is_private_and_has_one_form_kept_as_a_draft(owner_client):
    for number, slug in enumerate(PART_SLUGS, start=1):
        response = owner_client.get(f"/safety-plan/{slug}/")
        assert "no-store" in response["Cache-Control"]
        body = response.content.decode()
        assert f'data-draft="safety-plan-{slug}"' in body
        assert f"Part {number} of 7" in body
        for button in ("Save and continue", "Skip for now", ">Back<"):
            assert button in body, (slug, button)
        assert 'autocomplete="off"' in body


# ---- Skip for now, and Back ------------------------------------------------------


def test_skipping_a_part_moves_on_and_keeps_what_was_typed_without_saving_it(owner_client):
    response = owner_client.post(
        "/safety-plan/places/", {"place-rows": "3", "place-0-name": "Library", "go": "skip"}
    )
    assertRedirects(response, "/safety-plan/papers/", fetch_redirect_response=False)
    assert not SafetyPlan.objects.exists()
    back = owner_client.get("/safety-plan/places/")
    assert form_values(back)["place-0-name"] == "Library"
    assertContains(back, "We kept what you were writing last time")


def test_skipping_a_part_left_as_it_was_keeps_no_draft(owner_client):
    response = owner_client.post("/safety-plan/bag/", {"ownbag-rows": "3", "go": "skip"})
    assertRedirects(response, "/safety-plan/devices/", fetch_redirect_response=False)
    assert not Draft.objects.exists()
    assert states(owner_client)["bag"] == "Not yet"


def test_skipping_the_last_part_leads_to_the_summary(owner_client):
    response = owner_client.post("/safety-plan/devices/", {"go": "skip"})
    assertRedirects(response, "/safety-plan/check/", fetch_redirect_response=False)


def test_back_goes_to_the_part_before_and_keeps_what_was_typed(owner_client):
    response = owner_client.post("/safety-plan/person/", {"person-name": "Jo", "go": "back"})
    assertRedirects(response, "/safety-plan/support/", fetch_redirect_response=False)
    assert form_values(owner_client.get("/safety-plan/person/"))["person-name"] == "Jo"
    first = owner_client.post("/safety-plan/checklist/", {"go": "back"})
    assertRedirects(first, "/safety-plan/", fetch_redirect_response=False)


def test_coming_back_to_a_skipped_part_and_saving_it_makes_it_done(owner_client):
    owner_client.post("/safety-plan/places/", {"place-0-name": "Library", "go": "skip"})
    typed = form_values(owner_client.get("/safety-plan/places/"))
    owner_client.post("/safety-plan/places/", typed)
    assert states(owner_client)["places"] == "Done"
    assert not Draft.objects.filter(key="safety-plan-places").exists()


# ---- Kind errors keep every word --------------------------------------------------


def test_a_route_without_a_place_name_is_refused_kindly_and_keeps_everything(owner_client):
    posted = dict(FULL_SAFETY_PLAN, **{"place-2-route": "Left at the bakery, then straight on"})
    response = owner_client.post("/safety-plan/places/", posted)
    assert response.status_code == 200
    assertContains(response, "Give this place a short name")
    assertContains(response, "Something needs a small change")
    shown = form_values(response)
    assert shown["place-2-route"] == "Left at the bakery, then straight on"
    assert shown["place-0-name"] == "Aunt Mina's house"
    assert not SafetyPlan.objects.exists()


def test_a_number_without_digits_or_without_a_number_gets_a_kind_note(owner_client):
    posted = dict(
        FULL_SAFETY_PLAN,
        **{"number-1-number": "ask at the desk", "number-2-label": "Neighbour Ana"},
    )
    response = owner_client.post("/safety-plan/support/", posted)
    assertContains(response, "A phone number needs at least one digit")
    assertContains(response, "Add the number too, or clear the name")
    shown = form_values(response)
    assert shown["number-1-number"] == "ask at the desk"
    assert shown["number-2-label"] == "Neighbour Ana"


def test_an_unnamed_own_item_asks_for_a_name(owner_client):
    bag = owner_client.post("/safety-plan/bag/", dict(FULL_SAFETY_PLAN, **{"ownbag-2-done": "on"}))
    assertContains(bag, "What is this item? Add a name, or untick it.")
    papers = owner_client.post(
        "/safety-plan/papers/", dict(FULL_SAFETY_PLAN, **{"owndoc-1-where": "the shed"})
    )
    assertContains(papers, "What is this paper called?")
    assert form_values(papers)["owndoc-1-where"] == "the shed"


def test_a_very_long_note_is_refused_kindly_and_kept(owner_client):
    long_note = "so much to say " * 200
    posted = dict(FULL_SAFETY_PLAN, **{"check-phone-note": long_note})
    response = owner_client.post("/safety-plan/checklist/", posted)
    assertContains(response, "Could you shorten it to 2000 or fewer?")
    assert form_values(response)["check-phone-note"] == long_note
    assert form_values(response)["check-places"] == "done"


def test_add_more_rows_without_javascript_keeps_every_word(owner_client):
    posted = dict(FULL_SAFETY_PLAN, more="place", **{"place-2-name": "Library"})
    response = owner_client.post("/safety-plan/places/", posted)
    assert response.status_code == 200
    shown = form_values(response)
    assert shown["place-rows"] == "6"
    assert shown["place-5-name"] == ""
    assert shown["place-2-name"] == "Library"
    assertContains(response, "More rows are ready below")
    assertNotContains(response, "Something needs a small change")
    assert not SafetyPlan.objects.exists()  # nothing saved until the person chooses Save


def test_words_in_right_to_left_scripts_come_back_and_read_the_right_way(owner_client):
    owner_client.post(
        "/safety-plan/places/", dict(FULL_SAFETY_PLAN, **{"place-0-name": "بيت أختي"})
    )
    page = owner_client.get("/safety-plan/places/")
    assert form_values(page)["place-0-name"] == "بيت أختي"
    field = re.search(r'<input[^>]*name="place-0-name"[^>]*>', page.content.decode()).group(0)
    assert 'dir="auto"' in field


def test_a_draft_typed_with_javascript_is_offered_back_and_saving_lets_it_go(owner_client):
    response = owner_client.post(
        "/drafts/safety-plan-bag/", {"ownbag-rows": "3", "ownbag-0-name": "Torch", "bag-cash": "on"}
    )
    assert response.status_code == 204
    page = owner_client.get("/safety-plan/bag/")
    shown = form_values(page)
    assert shown["ownbag-0-name"] == "Torch" and shown["bag-cash"] == "on"
    assertContains(page, "We kept what you were writing last time")
    assert states(owner_client)["bag"] == "Started"
    owner_client.post("/safety-plan/bag/", shown)
    assert not Draft.objects.exists()
    assert states(owner_client)["bag"] == "Done"


# ---- Numbers filled in, and call buttons first ------------------------------------


def test_the_numbers_part_starts_with_the_countrys_emergency_number_and_help_line(owner_client):
    owner_client.cookies["hv_cc"] = "GB"
    page = owner_client.get("/safety-plan/support/")
    shown = form_values(page)
    assert shown["number-0-number"] == "999"
    assert shown["number-1-number"] == "0808 2000 247"
    assert "Refuge" in shown["number-1-label"]
    assertContains(
        page, "We have filled in the emergency number and a help line for United Kingdom"
    )
    # Saved as they are, they are the person's own numbers from then on.
    owner_client.post("/safety-plan/support/", shown)
    owner_client.cookies["hv_cc"] = "US"
    assert form_values(owner_client.get("/safety-plan/support/"))["number-0-number"] == "999"


def test_the_numbers_part_puts_call_buttons_above_everything_else(owner_client):
    owner_client.cookies["hv_cc"] = "US"
    body = owner_client.get("/safety-plan/support/").content.decode()
    main = body[body.index("<main") :]
    first_tel = main.index('href="tel:911"')
    assert first_tel < main.index("part-form")
    assert 'href="tel:18007997233"' in main  # the main help line, a tap away too


def test_without_a_country_the_numbers_part_shows_help_lines_and_offers_a_choice(owner_client):
    page = owner_client.get("/safety-plan/support/")
    body = page.content.decode()
    assert 'href="tel:' in body[: body.index("part-form")]
    assertContains(page, "Choose your country")
    assert form_values(page)["number-0-number"] == ""


# ---- Check your answers ------------------------------------------------------------


def test_the_summary_marks_skipped_parts_plainly_with_a_way_back(owner_client):
    owner_client.post("/safety-plan/person/", {"person-name": "Jo", "person-codeword": "lemon"})
    summary = owner_client.get("/safety-plan/check/")
    assertContains(summary, "lemon")
    assertContains(summary, "Not filled in yet.", count=6)
    assertContains(summary, 'href="/safety-plan/places/?then=summary"')
    assert "no-store" in summary["Cache-Control"]


def test_changing_a_part_from_the_summary_returns_to_the_summary(owner_client):
    page = owner_client.get("/safety-plan/person/?then=summary")
    assertContains(page, '<input type="hidden" name="then" value="summary">')
    assertContains(page, "Save and go back to your answers")
    response = owner_client.post("/safety-plan/person/", {"person-name": "Jo", "then": "summary"})
    assertRedirects(response, "/safety-plan/check/", fetch_redirect_response=False)


# ---- Older plans and drafts ----------------------------------------------------------


def test_a_plan_saved_by_the_one_long_form_opens_in_every_part(owner_dek):
    owner, dek = owner_dek
    actions.save_safety_plan(owner, Box(dek), OLD_PLAN)
    owner_client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    assert states(owner_client) == dict.fromkeys(PART_SLUGS, "Done")
    assert form_values(owner_client.get("/safety-plan/places/"))["place-0-name"] == (
        "Aunt Mina's house"
    )
    assert form_values(owner_client.get("/safety-plan/papers/"))["owndoc-0-where"] == "glovebox"
    assert form_values(owner_client.get("/safety-plan/checklist/"))["check-accounts"] == (
        "not_for_me"
    )
    assertContains(owner_client.get("/safety-plan/check/"), "pineapple")


def test_a_draft_of_the_one_long_form_is_shared_out_to_its_parts(owner_client):
    owner_client.post(
        "/drafts/safety-plan/",
        {"place-rows": "3", "place-0-name": "Half-typed place", "bag-cash": "on", "sec-note": ""},
    )
    assert states(owner_client) == {
        **dict.fromkeys(PART_SLUGS, "Not yet"),
        "places": "Started",
        "bag": "Started",
    }
    assert not Draft.objects.filter(key="safety-plan").exists()
    assert form_values(owner_client.get("/safety-plan/places/"))["place-0-name"] == (
        "Half-typed place"
    )
    assert form_values(owner_client.get("/safety-plan/bag/"))["bag-cash"] == "on"


# ---- Private, and only the owner's -----------------------------------------------------


def test_the_plan_is_sealed_in_the_database(owner_client):
    save_whole_plan(owner_client, dict(FULL_SAFETY_PLAN, **{"person-codeword": "zebra-4471"}))
    stored = bytes(SafetyPlan.objects.get().data)
    for word in (b"4471", b"zebra", b"Mina", b"pineapple", b"Jo", b"checklist"):
        assert word not in stored
    owner_client.post("/safety-plan/places/", {"place-0-name": "Draftplace", "go": "skip"})
    kept = bytes(Draft.objects.get(key="safety-plan-places").data)
    assert b"Draftplace" not in kept


def test_another_member_never_sees_my_plan(owner_client, other_client):
    save_whole_plan(owner_client)
    owner_client.post("/safety-plan/places/", {"place-0-name": "Hidden draft", "go": "skip"})
    paths = ["/safety-plan/", "/safety-plan/check/", "/safety-plan/print/", "/home/"]
    for path in paths + [f"/safety-plan/{slug}/" for slug in PART_SLUGS]:
        body = other_client.get(path).content.decode()
        for words in ("pineapple", "Aunt Mina", "Hidden draft"):
            assert words not in body, (path, words)
    other_client.post("/safety-plan/clear/")
    assert SafetyPlan.objects.count() == 1  # clearing their own plan leaves mine alone
    assert Draft.objects.filter(key="safety-plan-places").count() == 1


def test_clearing_asks_first_then_removes_the_plan_and_its_drafts(owner_client):
    save_whole_plan(owner_client)
    owner_client.post("/safety-plan/places/", {"place-0-name": "Hidden draft", "go": "skip"})
    assertContains(owner_client.get("/safety-plan/clear/"), "Clear your safety plan?")
    assert SafetyPlan.objects.count() == 1
    owner_client.post("/safety-plan/clear/")
    assert SafetyPlan.objects.count() == 0
    assert not Draft.objects.exists()
    assert states(owner_client) == dict.fromkeys(PART_SLUGS, "Not yet")


def test_strangers_are_sent_to_sign_in(stranger_client):
    paths = ["/safety-plan/", "/safety-plan/check/", "/safety-plan/print/", "/safety-plan/pdf/"]
    for path in paths + [f"/safety-plan/{slug}/" for slug in PART_SLUGS]:
        response = stranger_client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")
