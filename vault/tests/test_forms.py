"""The shared form pieces: private boxes, dates, rows that grow without JavaScript,
and forms kept as sealed drafts until they are saved."""

import datetime
import re

import pytest
import time_machine
from django import forms
from django.test import RequestFactory

from vault import drafts
from vault.box import Box
from vault.forms import (
    BAD_DATE,
    PrivateDateField,
    PrivateTextField,
    RowList,
    RowListForm,
    drafted,
    read_date,
    tick,
)
from vault.models import Draft

ONE_DATE_WORDING = (
    "Please check this date. Choose it from the calendar, or if no calendar appears, "
    "write the day first, like 14/03/2026."
)


class NoteForm(forms.Form):
    title = PrivateTextField("Title", 20)
    note = PrivateTextField("Note", 200, rows=4, required=True)
    on = PrivateDateField("On")


class ListForm(RowListForm):
    intro = PrivateTextField("Intro", 100)
    people = RowList(
        {
            "name": PrivateTextField("Name", 50),
            "met": PrivateDateField("Met", without_year="last"),
            "count": forms.IntegerField(label="Count", required=False),
            "close": tick("Close"),
        },
        needs={"name": "Who is this? Add a name, or clear the row."},
        maximum=12,
    )


def tag(html: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html).group(0)


# ---- The private text box ----


def test_a_private_line_is_never_autofilled_spellchecked_or_forced_left_to_right():
    box = tag(str(NoteForm()["title"]), "title")
    assert box.startswith("<input")
    for attribute in ('autocomplete="off"', 'spellcheck="false"', 'dir="auto"', 'maxlength="20"'):
        assert attribute in box


def test_a_private_text_area_has_the_same_care_and_its_own_height():
    area = tag(str(NoteForm()["note"]), "note")
    assert area.startswith("<textarea")
    for attribute in ('autocomplete="off"', 'spellcheck="false"', 'dir="auto"', 'rows="4"'):
        assert attribute in area


def test_extra_attributes_add_to_the_private_ones_without_losing_them():
    field = PrivateTextField("Number", 40, attrs={"inputmode": "tel"})
    box = field.widget.render("n", "")
    assert 'inputmode="tel"' in box and 'autocomplete="off"' in box and 'dir="auto"' in box


def test_too_many_words_are_refused_kindly_and_kept():
    form = NoteForm({"title": "x" * 25, "note": "kept words"})
    assert not form.is_valid()
    assert form.errors["title"] == [
        "This is a little long (25 characters). Could you shorten it to 20 or fewer?"
    ]
    assert 'value="' + "x" * 25 + '"' in str(form["title"])
    assert "kept words" in str(form["note"])


def test_a_hidden_null_character_gets_kind_words_not_a_technical_one():
    form = NoteForm({"note": "half\x00written"})
    assert not form.is_valid()
    assert form.errors["note"] == [
        "Part of this didn't come through as text. Could you type it again?"
    ]


def test_boxes_are_optional_unless_a_form_asks():
    form = NoteForm({"note": ""})
    assert not form.is_valid()
    assert list(form.errors) == ["note"]
    assert form.errors["note"] == ["There's nothing written here yet. A few words is enough."]


# ---- Dates ----


def test_a_date_box_is_a_date_picker_that_shows_a_saved_date_in_iso():
    box = tag(str(NoteForm(initial={"on": datetime.date(2026, 3, 14)})["on"]), "on")
    assert 'type="date"' in box
    assert 'value="2026-03-14"' in box
    assert 'autocomplete="off"' in box


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-03-14", datetime.date(2026, 3, 14)),
        ("14/03/2026", datetime.date(2026, 3, 14)),
        ("14.3.2026", datetime.date(2026, 3, 14)),
        ("14-03-26", datetime.date(2026, 3, 14)),
        (" 4 / 11 / 2025 ", datetime.date(2025, 11, 4)),
    ],
)
def test_dates_are_read_as_a_picker_sends_them_or_day_first_as_people_type(typed, meant):
    form = NoteForm({"note": "n", "on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == meant


@pytest.mark.parametrize(
    "typed",
    ["31/02/2026", "2026-02-30", "14/13/2026", "soon", "next tuesday", "\x00", "0202-03-14"]
    + ["1" * 40, "14/03/2026\x00"],
)
def test_every_date_that_cannot_be_gets_one_wording_and_the_rest_is_kept(typed):
    form = NoteForm({"title": "my title", "note": "my careful note", "on": typed})
    assert not form.is_valid()
    assert form.errors["on"] == [ONE_DATE_WORDING]
    assert str(BAD_DATE) == ONE_DATE_WORDING
    assert 'value="my title"' in str(form["title"])
    assert "my careful note" in str(form["note"])


def test_the_date_wording_never_repeats_what_was_typed():
    form = NoteForm({"note": "n", "on": "31/02 canary-5521"})
    assert not form.is_valid()
    assert "5521" not in str(form.errors)


def test_a_bad_date_stays_in_the_box_as_typed():
    form = NoteForm({"note": "n", "on": "31/02/2026"})
    assert not form.is_valid()
    assert 'value="31/02/2026"' in str(form["on"])


def test_a_day_without_a_year_means_the_next_one_or_the_last_one():
    today = datetime.date(2026, 4, 10)
    assert read_date("14/03", today=today) == datetime.date(2027, 3, 14)
    assert read_date("14/05", today=today) == datetime.date(2026, 5, 14)
    assert read_date("10/04", today=today) == today
    assert read_date("14/05", today=today, without_year="last") == datetime.date(2025, 5, 14)
    assert read_date("14/03", today=today, without_year="last") == datetime.date(2026, 3, 14)
    # 29 February finds the leap year it belongs to.
    assert read_date("29/02", today=today) == datetime.date(2028, 2, 29)
    assert read_date("29/02", today=today, without_year="last") == datetime.date(2024, 2, 29)


def test_a_date_field_reads_a_yearless_day_against_todays_date():
    with time_machine.travel("2026-04-10 12:00", tick=False):
        form = NoteForm({"note": "n", "on": "14/03"})
        assert form.is_valid()
    assert form.cleaned_data["on"] == datetime.date(2027, 3, 14)


# ---- Rows that grow without JavaScript ----


def people(count: int, **typed) -> dict:
    return {"people-rows": str(count), **typed}


def test_a_row_list_shows_its_minimum_of_empty_rows_with_its_count():
    form = ListForm()
    assert [row.number for row in form.people] == [1, 2, 3]
    assert str(form.people.count_input) == '<input type="hidden" name="people-rows" value="3">'
    first = next(iter(form.people))
    assert [field.name for field in first] == [
        "people-0-name",
        "people-0-met",
        "people-0-count",
        "people-0-close",
    ]
    assert 'dir="auto"' in str(first.columns["name"])


def test_add_more_keeps_every_typed_row_adds_empty_ones_and_checks_nothing_yet():
    posted = people(
        3,
        intro="about them",
        **{
            "people-0-name": "Mina",
            "people-1-met": "31/02/2026",  # a mistake, but the person is still typing
            "people-2-close": "on",
            "more": "people",
        },
    )
    form = ListForm(posted)
    assert form.rows_added == "people"
    assert not form.is_bound
    assert not form.errors
    assert form.people.count == 6
    assert 'value="Mina"' in str(form["people-0-name"])
    assert 'value="31/02/2026"' in str(form["people-1-met"])
    assert "checked" in str(form["people-2-close"])
    assert "about them" in str(form["intro"])
    assert "value=" not in str(form["people-5-name"])


def test_rows_that_hold_something_show_even_if_the_count_was_lost():
    form = ListForm(people(1, **{"people-7-name": "Jo"}))
    assert form.people.count == 8
    assert form.is_valid()
    assert form.people.values()[0]["name"] == "Jo"


def test_a_row_list_never_grows_past_its_maximum():
    form = ListForm(people(11, more="people"))
    assert form.people.count == 12
    assert ListForm(people(500)).people.count == 12


def test_only_rows_that_hold_something_are_saved_and_a_zero_counts():
    form = ListForm(
        people(
            4,
            **{
                "people-0-name": "Sam",
                "people-0-met": "2025-06-01",
                "people-2-name": "Ana",
                "people-2-count": "0",
                "people-2-close": "on",
            },
        )
    )
    assert form.is_valid(), form.errors
    assert form.people.values() == [
        {"name": "Sam", "met": datetime.date(2025, 6, 1), "count": None, "close": False},
        {"name": "Ana", "met": None, "count": 0, "close": True},
    ]


def test_a_row_without_what_it_needs_gets_the_kind_words_for_that_box():
    form = ListForm(
        people(
            4,
            **{
                "people-0-count": "0",
                "people-1-close": "on",
                "people-2-met": "nonsense",
                "people-3-name": "x" * 60,
                "people-3-close": "on",
            },
        )
    )
    assert not form.is_valid()
    needs_a_name = ["Who is this? Add a name, or clear the row."]
    assert form.errors["people-0-name"] == needs_a_name  # a zero is something written
    assert form.errors["people-1-name"] == needs_a_name
    # A row whose only entry is a bad date is asked about the date, not the name too.
    assert form.errors["people-2-met"] == [ONE_DATE_WORDING]
    assert "people-2-name" not in form.errors
    # A name that is there but too long gets one note, not two.
    assert len(form.errors["people-3-name"]) == 1
    assert "a little long" in form.errors["people-3-name"][0]


def test_saved_rows_come_back_with_room_to_add_more():
    initial = ListForm.people.initial([{"name": "Sam", "close": True}, {"name": "Ana"}])
    form = ListForm(initial=initial)
    assert form.people.count == 4
    assert 'value="Sam"' in str(form["people-0-name"])
    assert "checked" in str(form["people-0-close"])
    assert "checked" not in str(form["people-1-close"])


def test_a_need_that_names_no_column_is_caught_when_the_form_is_written():
    with pytest.raises(ValueError, match="needs names columns"):
        RowList({"name": PrivateTextField("Name")}, needs={"where": "?"})


# ---- Forms kept as drafts ----

DRAFT = "test-people"


@pytest.fixture
def vault_request(owner_dek):
    user, dek = owner_dek
    factory = RequestFactory()

    def make(method="get", data=None):
        request = getattr(factory, method)("/somewhere/", data or {})
        request.user = user
        request.vault = Box(dek)
        return request

    return make


class Saved:
    """A real save target: remembers what each save was given."""

    def __init__(self):
        self.calls = []

    def __call__(self, form):
        self.calls.append(form.cleaned_data["intro"])


@pytest.mark.django_db
def test_without_a_draft_the_form_starts_from_what_was_saved(vault_request):
    page = drafted(vault_request(), DRAFT, ListForm, initial=lambda: {"intro": "saved words"})
    assert not page.restored
    assert "saved words" in str(page.form["intro"])
    assert page.context() == {
        "form": page.form,
        "draft_key": DRAFT,
        "draft_restored": False,
        "rows_added": None,
    }


@pytest.mark.django_db
def test_a_draft_comes_back_instead_of_what_was_saved(vault_request):
    drafts.save(vault_request(), DRAFT, {"intro": ["draft words"], "people-0-name": ["Mina"]})
    asked = []
    page = drafted(
        vault_request(), DRAFT, ListForm, initial=lambda: asked.append(1) or {"intro": "saved"}
    )
    assert page.restored
    assert "draft words" in str(page.form["intro"])
    assert 'value="Mina"' in str(page.form["people-0-name"])
    assert asked == []  # the saved version wasn't even opened


@pytest.mark.django_db
def test_a_good_save_runs_once_and_lets_the_draft_go(vault_request):
    drafts.save(vault_request(), DRAFT, {"intro": ["draft words"]})
    save = Saved()
    page = drafted(
        vault_request("post", people(3, intro="final words")), DRAFT, ListForm, save=save
    )
    assert page.saved
    assert save.calls == ["final words"]
    assert not Draft.objects.filter(key=DRAFT).exists()


@pytest.mark.django_db
def test_a_failed_save_shows_back_everything_typed_and_keeps_the_draft(vault_request):
    drafts.save(vault_request(), DRAFT, {"intro": ["draft words"]})
    save = Saved()
    posted = people(3, intro="my words", **{"people-0-met": "31/02", "people-1-name": "Jo"})
    page = drafted(vault_request("post", posted), DRAFT, ListForm, save=save)
    assert not page.saved
    assert save.calls == []
    assert page.form.is_bound
    assert page.form.errors["people-0-met"] == [ONE_DATE_WORDING]
    assert "my words" in str(page.form["intro"])
    assert 'value="31/02"' in str(page.form["people-0-met"])
    assert 'value="Jo"' in str(page.form["people-1-name"])
    assert Draft.objects.filter(key=DRAFT).exists()


@pytest.mark.django_db
def test_adding_rows_keeps_everything_typed_as_the_draft_with_the_new_rows(vault_request):
    save = Saved()
    posted = people(3, intro="still typing", more="people", **{"people-2-name": "Ana"})
    page = drafted(vault_request("post", posted), DRAFT, ListForm, save=save)
    assert page.rows_added == "people"
    assert not page.saved and save.calls == []
    assert page.form.people.count == 6
    again = drafted(vault_request(), DRAFT, ListForm)
    assert again.restored
    assert again.form.people.count == 6
    assert 'value="Ana"' in str(again.form["people-2-name"])
    assert "still typing" in str(again.form["intro"])


@pytest.mark.django_db
def test_a_preview_checks_the_words_but_saves_nothing(vault_request):
    page = drafted(vault_request("post", people(3, intro="look first")), DRAFT, ListForm)
    assert page.form.is_valid()
    assert not page.saved


@pytest.mark.django_db
def test_a_post_for_another_form_on_the_page_leaves_this_one_unbound(vault_request):
    drafts.save(vault_request(), DRAFT, {"intro": ["draft words"]})
    save = Saved()
    page = drafted(vault_request("post", {"form": "other"}), DRAFT, ListForm, bind=False, save=save)
    assert not page.form.is_bound
    assert page.restored and "draft words" in str(page.form["intro"])
    assert save.calls == []
    assert page.context("people")["people_draft_key"] == DRAFT


def test_a_draft_key_that_could_not_be_kept_is_refused_at_once(rf):
    with pytest.raises(ValueError, match="draft key"):
        drafted(rf.get("/"), "../Nope", ListForm)
