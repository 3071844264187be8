"""The form pieces every private page is built from.

One private text box, one date box, one list of rows that grows without
JavaScript, and one helper for a page whose form is kept as a sealed draft
while the person types. A new room, start to finish:

    from django.utils.translation import gettext_lazy as _
    from vault.forms import PrivateDateField, PrivateTextField, RowList, RowListForm, drafted, tick

    class ContactsForm(RowListForm):
        note = PrivateTextField(_("A note for yourself"), 2000, rows=3)
        spoke_on = PrivateDateField(_("When you last spoke"), without_year="last")
        contacts = RowList(
            {
                "name": PrivateTextField(_("Name"), 100),
                "number": PrivateTextField(_("Number"), 40, attrs={"inputmode": "tel"}),
                "knows": tick(_("They know my plan")),
            },
            needs={"name": _("Whose number is this? Add a name, or clear the row.")},
        )

    @private_view
    def contacts(request):
        saved = actions.open_contacts(request.user, request.vault)
        page = drafted(
            request,
            "circle-contacts",
            ContactsForm,
            initial=lambda: {**saved, **ContactsForm.contacts.initial(saved["contacts"])},
            save=lambda form: actions.save_contacts(request.user, request.vault, form),
        )
        if page.saved:
            messages.success(request, _("Your contacts are saved."))
            return redirect("circle:contacts")
        return render(request, "circle/contacts.html", page.context())

and in the template:

    <form autocomplete="off" method="post" novalidate data-draft="{{ draft_key }}">
      {% csrf_token %}
      {# Enter in a box presses the form's first button: make that one Save. #}
      <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">
        {% translate "Save" %}</button>
      {% include "includes/form_errors.html" %}
      {% include "includes/draft_status.html" %}
      {{ form.contacts.count_input }}
      {% for row in form.contacts %}
      <fieldset class="row">
        <legend>{% blocktranslate with n=row.number %}Contact {{ n }}{% endblocktranslate %}
        </legend>
        {% for field in row %}{% include "includes/field.html" %}{% endfor %}
      </fieldset>
      {% endfor %}
      <button type="submit" name="more" value="contacts" class="button secondary">
        {% translate "Add more contacts" %}</button>
      ...
    </form>

After `is_valid()`, `form.contacts.values()` lists the rows that hold something,
each a dict of column -> cleaned value. In a form's own `clean()` (call
`super().clean()` first), `form.contacts.cleaned()` yields each row with its
values and an `add_error(column, message)` for checks across columns.

Every field here is optional unless `required=True` is passed: most private
boxes can be left empty, and a form asks only for what it truly needs.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from vault import drafts

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.utils.datastructures import MultiValueDict
    from django.utils.functional import _StrPromise as Words
else:
    Words = Promise
Label = str | Words

# No autofill (a shared device must not offer back what was typed) and no
# spellcheck (Chrome's enhanced spellcheck sends the text to a remote service).
PRIVATE_INPUT = {"autocomplete": "off", "spellcheck": "false"}
# Words typed in Arabic or Hebrew read right to left as they are typed.
PRIVATE_TEXT = {**PRIVATE_INPUT, "dir": "auto"}

TOO_LONG = _(
    "This is a little long (%(show_value)d characters). "
    "Could you shorten it to %(limit_value)d or fewer?"
)
NOTHING_YET = _("There's nothing written here yet. A few words is enough.")
NUL_TEXT = _("Part of this didn't come through as text. Could you type it again?")

# Browsers with a date picker send 2026-03-14 and show the date the way the
# person's device writes dates, so the words can't name one order for the
# picker; without a picker people type, and we read the day first.
BAD_DATE = _(
    "Please check this date. Choose it from the calendar, or if no calendar "
    "appears, write the day first, like 14/03/2026."
)
NO_DATE = _("Please add a date. You can choose it from the calendar.")
DAY_FIRST_EXAMPLE = _("day/month/year, like 14/03/2026")


def tick(label: Label, **kwargs: Any) -> forms.BooleanField:
    """A box to tick, optional unless `required=True` (an unticked box is an answer too)."""
    kwargs.setdefault("required", False)
    return forms.BooleanField(label=label, **kwargs)


class PrivateTextField(forms.CharField):
    """A box for private words: one line, or `rows` lines for a text area.

    Never autofilled or spellchecked, and written in either direction.
    `attrs` adds to the box's HTML attributes (`{"inputmode": "tel"}`);
    `error_messages` replaces the kind defaults where a form has better words.
    """

    default_error_messages = {
        "required": NOTHING_YET,
        "max_length": TOO_LONG,
        "null_characters_not_allowed": NUL_TEXT,
    }

    def __init__(
        self,
        label: Label | None = None,
        max_length: int = 200,
        *,
        rows: int | None = None,
        required: bool = False,
        attrs: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        widget_attrs = {**PRIVATE_TEXT, **(attrs or {})}
        if rows:
            widget: forms.Widget = forms.Textarea(attrs={"rows": str(rows), **widget_attrs})
        else:
            widget = forms.TextInput(attrs=widget_attrs)
        kwargs.setdefault("widget", widget)
        super().__init__(label=label, max_length=max_length, required=required, **kwargs)


# ---- Dates -----------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 1900, 2200
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_FIRST = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{4}|\d{2}))?")
WithoutYear = Literal["next", "last"]


class DateUnreadable(ValueError):
    """The text isn't a date on the calendar (says nothing about what was typed)."""


def read_date(
    text: str, *, today: datetime.date, without_year: WithoutYear = "next"
) -> datetime.date:
    """A date as a date picker sends it (2026-03-14) or as people type it, day
    first: 14/03/2026, 14.03.26, 14-3-2026, or 14/03 without a year, which means
    the next 14 March from today (`without_year="next"`) or the last one ("last")."""
    text = text.strip()
    iso = ISO_DATE.fullmatch(text)
    day_first = None if iso else DAY_FIRST.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif day_first:
        day, month = int(day_first.group(1)), int(day_first.group(2))
        year_text = day_first.group(3)
        if year_text is None:
            return _nearest(day, month, today, without_year)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    else:
        raise DateUnreadable
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateUnreadable
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateUnreadable from None


def _nearest(
    day: int, month: int, today: datetime.date, without_year: WithoutYear
) -> datetime.date:
    step = 1 if without_year == "next" else -1
    # Eight years always include a leap year, so 29/02 finds its next (or last) one.
    for offset in range(9):
        try:
            date = datetime.date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (date >= today) if step == 1 else (date <= today):
            return date
    raise DateUnreadable


class PrivateDateField(forms.DateField):
    """A date, shown as `<input type="date">`; cleans to a `datetime.date` or None.

    Any date that can't be read or isn't on the calendar gets one wording,
    BAD_DATE, whatever the form. What was typed stays in the box.
    """

    default_error_messages = {"invalid": BAD_DATE, "required": NO_DATE}

    def __init__(
        self,
        label: Label | None = None,
        *,
        required: bool = False,
        without_year: WithoutYear = "next",
        **kwargs: Any,
    ) -> None:
        # A browser with a date box ignores the placeholder and shows the
        # order of its own locale; one without shows a plain text box, and
        # then the placeholder says the order we read.
        attrs = {**PRIVATE_INPUT, "type": "date", "placeholder": DAY_FIRST_EXAMPLE}
        kwargs.setdefault("widget", forms.DateInput(attrs=attrs, format="%Y-%m-%d"))
        super().__init__(label=label, required=required, **kwargs)
        self.without_year: WithoutYear = without_year

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return read_date(str(value), today=timezone.localdate(), without_year=self.without_year)
        except DateUnreadable:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def iso(date: datetime.date | None) -> str:
    """A cleaned date as stored in sealed JSON ("2026-03-14"), or "" for none."""
    return date.isoformat() if date else ""


# ---- Lists of rows that grow without JavaScript -------------------------------

# The name of every "add more rows" button; its value is the list's prefix.
MORE = "more"


def filled(value: Any) -> bool:
    """Whether a value holds something (0 does; "" and an unticked box don't)."""
    if value is None or value is False:
        return False
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    return True


def posted_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """A posted form as `initial` for the same form: one value, or a list of several."""
    getlist = getattr(data, "getlist", None)
    values: dict[str, Any] = {}
    for name in data:
        if name in drafts.SKIP or name == MORE:
            continue
        found = getlist(name) if getlist else data[name]
        if isinstance(found, list):
            values[name] = found[0] if len(found) == 1 else found
        else:
            values[name] = found
    return values


class RowList:
    """A list of rows on a RowListForm, each row the same `columns` (name -> field).

    Rows are named `<prefix>-<index>-<column>` and their number travels in a
    hidden `<prefix>-rows`. The page shows `minimum` rows at least, a saved
    list shows `blank` empty rows after its last, and a submit button named
    "more" with the prefix as its value adds `add` rows (up to `maximum`),
    with nothing checked yet and everything typed kept.

    `needs` names the columns a row can't do without once anything else in
    it is filled, with the kind words to say so.
    """

    def __init__(
        self,
        columns: Mapping[str, forms.Field],
        *,
        prefix: str = "",
        needs: Mapping[str, Label] | None = None,
        minimum: int = 3,
        blank: int = 2,
        add: int = 3,
        maximum: int = 40,
    ) -> None:
        if not columns:
            raise ValueError("a row list needs at least one column")
        unknown = set(needs or {}) - set(columns)
        if unknown:
            raise ValueError(f"needs names columns the rows don't have: {sorted(unknown)}")
        if not 0 < minimum <= maximum:
            raise ValueError("a row list shows between 1 and `maximum` rows")
        self.columns = dict(columns)
        self.prefix = prefix
        self.attribute = ""
        self.needs = dict(needs or {})
        self.minimum, self.blank, self.add, self.maximum = minimum, blank, add, maximum

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name
        self.prefix = self.prefix or name

    @overload
    def __get__(self, form: None, owner: type) -> RowList: ...
    @overload
    def __get__(self, form: RowListForm, owner: type) -> BoundRowList: ...
    def __get__(self, form: RowListForm | None, owner: type) -> RowList | BoundRowList:
        if form is None:
            return self
        return form.bound_row_lists[self.prefix]

    @property
    def count_name(self) -> str:
        return f"{self.prefix}-rows"

    def field_name(self, index: int, column: str) -> str:
        return f"{self.prefix}-{index}-{column}"

    def count(self, source: Mapping[str, Any], *, grow: bool = False) -> int:
        """How many rows to show for this posted data, draft or `initial`."""
        try:
            count = int(source.get(self.count_name) or 0)
        except (TypeError, ValueError):
            count = 0
        # A row that holds something always shows, even if the count was lost.
        columns = "|".join(re.escape(column) for column in self.columns)
        pattern = re.compile(rf"{re.escape(self.prefix)}-(\d{{1,4}})-(?:{columns})")
        for name in source:
            found = pattern.fullmatch(name)
            if found and filled(source.get(name)):
                count = max(count, int(found.group(1)) + 1)
        count = max(count, self.minimum)
        if grow:
            count += self.add
        return min(count, self.maximum)

    def initial(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """Saved rows (dicts of column -> value) as `initial`, with room for more."""
        rows = list(rows)[: self.maximum]
        initial: dict[str, Any] = {
            self.count_name: min(max(len(rows) + self.blank, self.minimum), self.maximum)
        }
        for index, row in enumerate(rows):
            for column in self.columns:
                initial[self.field_name(index, column)] = row.get(column, "")
        return initial


@dataclass
class Row:
    """One row as the template sees it: iterate it for its fields, in column order."""

    index: int
    fields: list[forms.BoundField]
    columns: dict[str, forms.BoundField]

    @property
    def number(self) -> int:
        return self.index + 1

    def __iter__(self) -> Iterator[forms.BoundField]:
        return iter(self.fields)


@dataclass
class CleanedRow:
    """One row during `clean()`: its cleaned values (None where a box has an error)."""

    form: forms.BaseForm
    row_list: RowList
    index: int
    values: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.values[column]

    def is_filled(self) -> bool:
        return any(filled(value) for value in self.values.values())

    def has_error(self, column: str) -> bool:
        return self.form.has_error(self.row_list.field_name(self.index, column))

    def add_error(self, column: str, message: Label) -> None:
        self.form.add_error(self.row_list.field_name(self.index, column), message)


class BoundRowList:
    """A RowList on one form: what the template loops over and the view saves."""

    def __init__(self, form: RowListForm, row_list: RowList, count: int) -> None:
        self.form = form
        self.row_list = row_list
        self.count = count

    @property
    def prefix(self) -> str:
        return self.row_list.prefix

    @property
    def count_input(self) -> SafeString:
        """The hidden count the page sends back, so the rows shown come back too."""
        return format_html(
            '<input type="hidden" name="{}" value="{}">', self.row_list.count_name, self.count
        )

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Row]:
        for index in range(self.count):
            columns = {
                column: self.form[self.row_list.field_name(index, column)]
                for column in self.row_list.columns
            }
            yield Row(index, list(columns.values()), columns)

    def cleaned(self) -> Iterator[CleanedRow]:
        """Each row's cleaned values, for checks in the form's `clean()`."""
        data = self.form.cleaned_data
        for index in range(self.count):
            values = {
                column: data.get(self.row_list.field_name(index, column))
                for column in self.row_list.columns
            }
            yield CleanedRow(self.form, self.row_list, index, values)

    def values(self) -> list[dict[str, Any]]:
        """The rows that hold something, in order, after `is_valid()`."""
        return [row.values for row in self.cleaned() if row.is_filled()]


class RowListForm(forms.Form):
    """A form with RowList attributes. A press on "Add more rows" (a submit
    named "more") makes it an unbound form showing everything posted, with
    more rows in that list and no error messages: the person is still typing.
    """

    row_lists: ClassVar[dict[str, RowList]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found: dict[str, RowList] = {}
        for klass in reversed(cls.__mro__):
            for value in vars(klass).values():
                if isinstance(value, RowList):
                    found[value.prefix] = value
        cls.row_lists = found

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
        *,
        initial: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("prefix"):
            raise TypeError("a RowListForm takes no prefix: its rows are named by their lists")
        self.rows_added: str | None = None
        if data is not None and data.get(MORE) in self.row_lists:
            self.rows_added = data.get(MORE)
            initial, data = posted_values(data), None
        super().__init__(
            data, files, initial=dict(initial) if initial is not None else None, **kwargs
        )
        source: Mapping[str, Any] = self.data if self.is_bound else self.initial
        self.bound_row_lists: dict[str, BoundRowList] = {}
        for prefix, row_list in self.row_lists.items():
            count = row_list.count(source, grow=prefix == self.rows_added)
            self.bound_row_lists[prefix] = BoundRowList(self, row_list, count)
            for index in range(count):
                for column, column_field in row_list.columns.items():
                    self.fields[row_list.field_name(index, column)] = copy.deepcopy(column_field)

    @property
    def row_counts(self) -> dict[str, int]:
        return {prefix: rows.count for prefix, rows in self.bound_row_lists.items()}

    def draft_counts(self) -> dict[str, list[str]]:
        """The row counts as a draft keeps them, so added rows come back too."""
        return {
            rows.row_list.count_name: [str(rows.count)] for rows in self.bound_row_lists.values()
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for rows in self.bound_row_lists.values():
            for row in rows.cleaned():
                for column, message in rows.row_list.needs.items():
                    if row.has_error(column) or filled(row.values[column]):
                        continue
                    if any(filled(value) for name, value in row.values.items() if name != column):
                        row.add_error(column, message)
        return data


# ---- Pages whose form is kept as a draft --------------------------------------

FormFactory = Callable[..., forms.BaseForm]
Initial = Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None


@dataclass
class DraftedForm:
    """The outcome of `drafted()`: the form to show, or the news that it was saved."""

    form: forms.BaseForm
    key: str
    restored: bool = False
    saved: bool = False
    rows_added: str | None = None

    def context(self, name: str = "") -> dict[str, Any]:
        """Template context: `form`, `draft_key`, `draft_restored`, `rows_added`,
        each led by `<name>_` when a page holds more than one drafted form."""
        lead = f"{name}_" if name else ""
        return {
            f"{lead}form": self.form,
            f"{lead}draft_key": self.key,
            f"{lead}draft_restored": self.restored,
            f"{lead}rows_added": self.rows_added,
        }


def drafted(
    request: HttpRequest,
    key: str,
    form_class: FormFactory,
    *,
    initial: Initial = None,
    save: Callable[[Any], object] | None = None,
    bind: bool | None = None,
    form_kwargs: Mapping[str, Any] | None = None,
) -> DraftedForm:
    """One private form kept as a sealed draft until it is saved.

    - Not posted: the person's draft, if they left one, else `initial` (a
      dict, or a function called only when needed) fills the form.
    - "Add more rows" pressed: everything typed comes back with more rows,
      nothing is checked, and it is all kept as the draft.
    - Posted and valid: `save(form)` runs, then the draft is let go; the
      result says `saved` and the view redirects.
    - Posted with a mistake (or `save` is None, as for a preview): the bound
      form shows back everything typed, with kind notes.

    `bind` says whether this request's POST is for this form (default: any
    POST), for pages with several forms. Use it only in private views: the
    draft is sealed with the open vault.
    """
    if not drafts.valid_key(key):
        raise ValueError("a draft key is short, lower case letters, digits, - _ and :")
    kwargs = dict(form_kwargs or {})
    if request.method == "POST" if bind is None else bind:
        form = form_class(data=request.POST, **kwargs)
        if isinstance(form, RowListForm) and form.rows_added:
            typed = drafts.from_post(request.POST)
            typed.pop(MORE, None)
            typed.update(form.draft_counts())
            drafts.save(request, key, typed)
            return DraftedForm(form, key, rows_added=form.rows_added)
        if save is not None and form.is_valid():
            save(form)
            drafts.discard(request, key)
            return DraftedForm(form, key, saved=True)
        return DraftedForm(form, key)
    draft = drafts.load(request, key)
    if draft:
        return DraftedForm(form_class(initial=draft, **kwargs), key, restored=True)
    values = initial() if callable(initial) else initial
    return DraftedForm(form_class(initial=dict(values or {}), **kwargs), key)
