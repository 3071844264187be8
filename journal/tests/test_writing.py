import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from journal import modes
from journal.models import Entry
from journal.tests.helpers import form_data
from vault.models import Draft

pytestmark = pytest.mark.django_db


def saved_id(response) -> str:
    return re.search(r"/journal/([0-9a-f-]{36})/", response["Location"]).group(1)


@pytest.mark.parametrize("mode", modes.MODES, ids=lambda m: m.key)
def test_each_mode_saves_its_answers_and_shows_them_again(owner_client, mode):
    answers = {p.key: f"My words for {p.key}, ÉTÉ" for p in mode.prompts}
    data = form_data(mode.key, **answers) | {"title": "A Tuesday", "tags": "rest, Walk"}
    response = owner_client.post(f"{reverse('journal:new')}?mode={mode.key}", data)
    assert response.status_code == 302, response.content[:300]
    page = owner_client.get(response["Location"])
    assertContains(page, "Your page is saved.")
    assertContains(page, "A Tuesday")
    for prompt in mode.prompts:
        assertContains(page, f"My words for {prompt.key}, ÉTÉ")
        if len(mode.prompts) > 1:
            assertContains(page, str(prompt.label).replace("'", "&#x27;"))
    assertContains(page, 'value="rest"')
    assertContains(page, 'value="Walk"')
    # Opened again for changing, every box holds what was written.
    edit = owner_client.get(reverse("journal:edit", args=[saved_id(response)]))
    for prompt in mode.prompts:
        assertContains(edit, f"My words for {prompt.key}, ÉTÉ")
    assertContains(edit, 'value="rest, Walk"')


def test_the_address_chooses_the_mode_and_without_one_the_ways_to_write_are_offered(
    owner_client,
):
    letter = owner_client.get(reverse("journal:new") + "?mode=letter")
    assertContains(letter, "A letter never sent")
    assertContains(letter, 'name="p_letter"')
    same = owner_client.get(reverse("journal:new_in", kwargs={"mode": "letter"}))
    assertContains(same, 'name="p_letter"')
    for address in (reverse("journal:new"), reverse("journal:new") + "?mode=nonsense"):
        choose = owner_client.get(address)
        assertContains(choose, "How would you like to write?")
        for mode in modes.MODES:
            assertContains(choose, f"?mode={mode.key}")


def test_nothing_written_gets_a_kind_note_and_keeps_everything_typed(owner_client):
    data = form_data("facts", happened="", story="", kinder="") | {
        "title": "Kept title",
        "tags": "kept tag",
    }
    response = owner_client.post(reverse("journal:new") + "?mode=facts", data)
    assertContains(response, "There&#x27;s nothing written here yet")
    assertContains(response, 'value="Kept title"')
    assertContains(response, 'value="kept tag"')
    assert not Entry.objects.exists()


def test_a_bad_date_and_too_many_tags_are_explained_and_the_words_stay(owner_client):
    data = form_data("free", body="Words I must not lose") | {
        "day": "31/02/2026",
        "tags": ", ".join(f"t{n}" for n in range(13)),
    }
    response = owner_client.post(reverse("journal:new") + "?mode=free", data)
    assertContains(response, "Please check this date.")
    assertContains(response, "That&#x27;s a lot of tags.")
    assertContains(response, "Words I must not lose")
    assert not Entry.objects.exists()
    long_tag = form_data("free", body="Still here") | {"tags": "x" * 41}
    response = owner_client.post(reverse("journal:new") + "?mode=free", long_tag)
    assertContains(response, "A tag can be up to 40 characters.")
    assertContains(response, "Still here")


def test_the_day_is_today_unless_chosen_and_a_chosen_day_is_kept(owner_client):
    response = owner_client.post(
        reverse("journal:new") + "?mode=free",
        form_data("free", body="About a spring day") | {"day": "14/03/2026"},
    )
    page = owner_client.get(response["Location"])
    assertContains(page, 'datetime="2026-03-14"')


def test_a_draft_kept_while_typing_comes_back_then_goes_once_saved(owner_client):
    typed = {"mode_key": "evening", "p_for_me": "A bath with the door locked"}
    assert owner_client.post("/drafts/journal-new/", typed).status_code == 204
    page = owner_client.get(reverse("journal:new") + "?mode=evening")
    assertContains(page, "We kept what you were writing last time.")
    assertContains(page, "A bath with the door locked")
    # Another mode leaves it alone, and says where it is.
    other = owner_client.get(reverse("journal:new") + "?mode=wins")
    assertNotContains(other, "A bath with the door locked")
    assertContains(other, "You have an unfinished page in “Evening reflection”")
    assertContains(owner_client.get(reverse("journal:new")), "?mode=evening")
    # The draft is sealed.
    assert b"A bath" not in bytes(Draft.objects.get(key="journal-new").data)
    response = owner_client.post(
        reverse("journal:new") + "?mode=evening", form_data("evening", for_me="A bath")
    )
    assert response.status_code == 302
    assert not Draft.objects.filter(key="journal-new").exists()


def test_without_javascript_the_keep_as_draft_button_keeps_it(owner_client):
    data = form_data("morning", intention="Be slow today") | {"action": "draft"}
    response = owner_client.post(reverse("journal:new") + "?mode=morning", data)
    assertContains(response, "Kept as a draft.")
    assertContains(response, "Be slow today")
    assert not Entry.objects.exists()
    assertContains(owner_client.get(reverse("journal:new") + "?mode=morning"), "Be slow today")


def test_a_preview_shows_the_page_and_saves_nothing(owner_client):
    data = form_data("letter", to="Dear past me", letter="You did your best.")
    response = owner_client.post(
        reverse("journal:new") + "?mode=letter", data | {"action": "preview"}
    )
    assertContains(response, "How it reads")
    assertContains(response, "You did your best.", count=2)  # the preview and the box
    assert not Entry.objects.exists()
    # Kept as a draft, so leaving the page (say, to choose a country) loses nothing.
    again = owner_client.get(reverse("journal:new") + "?mode=letter")
    assertContains(again, "We kept what you were writing last time.")
    assertContains(again, "You did your best.")


def test_a_page_is_changed_and_deleted_by_its_writer_only(owner_client, other_client):
    response = owner_client.post(
        reverse("journal:new") + "?mode=free", form_data("free", body="First words")
    )
    entry_id = saved_id(response)
    for name in ("journal:entry", "journal:edit", "journal:delete"):
        assert other_client.get(reverse(name, args=[entry_id])).status_code == 404
    assert other_client.post(reverse("journal:delete", args=[entry_id])).status_code == 404
    changed = owner_client.post(
        reverse("journal:edit", args=[entry_id]), form_data("free", body="Second words")
    )
    assertRedirects(changed, reverse("journal:entry", args=[entry_id]))
    page = owner_client.get(reverse("journal:entry", args=[entry_id]))
    assertContains(page, "Second words")
    assertNotContains(page, "First words")
    assertContains(
        owner_client.get(reverse("journal:delete", args=[entry_id])), "Delete this page?"
    )
    gone = owner_client.post(reverse("journal:delete", args=[entry_id]))
    assertRedirects(gone, reverse("journal:index"))
    assert not Entry.objects.exists()
    assertContains(owner_client.get(reverse("journal:index")), "Nothing here yet.")


def test_every_journal_page_is_never_cached_and_needs_an_open_space(owner_client, stranger_client):
    for name in ("journal:index", "journal:new", "journal:tags", "journal:calendar"):
        response = owner_client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert stranger_client.get(reverse(name)).status_code == 302


def test_changing_a_page_keeps_its_own_draft_apart_from_a_new_one(owner_client):
    response = owner_client.post(
        reverse("journal:new") + "?mode=letter", form_data("letter", letter="First letter")
    )
    entry_id = saved_id(response)
    edit = reverse("journal:edit", args=[entry_id])
    typed = {"mode_key": "letter", "p_letter": "First letter, and more I thought of"}
    assert owner_client.post(f"/drafts/journal-edit-{entry_id}/", typed).status_code == 204
    page = owner_client.get(edit)
    assertContains(page, "We kept what you were writing last time.")
    assertContains(page, "and more I thought of")
    assertContains(page, f'data-draft="journal-edit-{entry_id}"')
    assertNotContains(owner_client.get(reverse("journal:new") + "?mode=letter"), "more I thought")
    owner_client.post(edit, form_data("letter", letter="First letter, and more I thought of"))
    assert not Draft.objects.filter(key=f"journal-edit-{entry_id}").exists()
    assertContains(owner_client.get(reverse("journal:entry", args=[entry_id])), "more I thought")
