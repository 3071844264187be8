import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from money.amounts import AmountField
from money.content import ACCOUNT_STEPS, PAPER_NOT_YET, PAPER_STATUSES, PAPERS
from vault.forms import PrivateDateField, PrivateTextField, RowList, RowListForm

MAX_LABEL = 120
MAX_NOTE = 300
MAX_ROWS = 50
BLANK_ROWS = 3

AMOUNT_HELP = _("Numbers only. 12.50 and 12,50 both work.")


def _text(label, max_length, help_text=""):
    return PrivateTextField(
        label,
        max_length,
        help_text=help_text,
        error_messages={
            "max_length": _(
                "Could you shorten this a little? It can be up to %(limit_value)d "
                "characters (this has %(show_value)d)."
            )
        },
    )


def _budget_rows():
    # A line with words but no amount asks for one; an amount alone is fine.
    return RowList(
        {
            "label": _text(_("What it is"), MAX_LABEL),
            "amount": AmountField(label=_("Amount"), required=False),
        },
        needs={"amount": _("How much is this, roughly? A guess is fine.")},
        minimum=BLANK_ROWS,
        blank=BLANK_ROWS,
        add=BLANK_ROWS,
        maximum=MAX_ROWS,
    )


class BudgetForm(RowListForm):
    income = _budget_rows()
    expenses = _budget_rows()
    currency = _text(
        _("Currency sign (optional)"),
        12,
        help_text=_("Shown beside your amounts. For example £, $, €, kr or R$."),
    )


class FundForm(forms.Form):
    goal = AmountField(
        label=_("My goal"),
        required=False,
        help_text=_("Any amount. Even a small cushion helps. You can change it later."),
    )
    saved = AmountField(label=_("Saved so far"), required=False, help_text=AMOUNT_HELP)


class DepositForm(forms.Form):
    date = PrivateDateField(
        _("Date"),
        required=True,
        # Money already put aside: "14/03" typed means the last 14 March.
        without_year="last",
        error_messages={"required": _("Which day was it? Today's date is fine.")},
    )
    amount = AmountField(label=_("Amount put aside"), help_text=AMOUNT_HELP)
    note = _text(_("Note (optional)"), MAX_NOTE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["amount"].error_messages["required"] = _(
            "How much did you put aside? Any amount counts."
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Please write an amount above zero."))
        return amount

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(
                _("That date is more than a year away. Could you check it?")
            )
        return day


class PapersForm(forms.Form):
    """For each document: a status (a radio group) and where it's kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in PAPERS:
            self.fields[f"{item.key}-status"] = forms.ChoiceField(
                label=item.title,
                choices=PAPER_STATUSES,
                required=False,
                widget=forms.RadioSelect,
                initial=PAPER_NOT_YET,
            )
            self.fields[f"{item.key}-where"] = _text(
                _("Where it's kept (optional)"),
                MAX_NOTE,
                help_text=_("A hint only you would understand is enough."),
            )

    def items(self):
        for item in PAPERS:
            yield item, self[f"{item.key}-status"], self[f"{item.key}-where"]

    def answers(self) -> dict:
        return {
            item.key: {
                "status": self.cleaned_data.get(f"{item.key}-status") or PAPER_NOT_YET,
                "where": self.cleaned_data.get(f"{item.key}-where", ""),
            }
            for item in PAPERS
        }

    @staticmethod
    def initial_from(answers: dict) -> dict:
        initial = {}
        for item in PAPERS:
            saved = answers.get(item.key, {})
            initial[f"{item.key}-status"] = saved.get("status", PAPER_NOT_YET)
            initial[f"{item.key}-where"] = saved.get("where", "")
        return initial


class StepsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, item in enumerate(ACCOUNT_STEPS, start=1):
            self.fields[f"{item.key}-done"] = forms.BooleanField(label=item.title, required=False)
            self.fields[f"{item.key}-note"] = _text(
                _("My notes on step %(number)d (optional)") % {"number": number}, MAX_NOTE
            )

    def steps(self):
        for number, item in enumerate(ACCOUNT_STEPS, start=1):
            yield number, item, self[f"{item.key}-done"], self[f"{item.key}-note"]

    def answers(self) -> dict:
        return {
            item.key: {
                "done": bool(self.cleaned_data.get(f"{item.key}-done")),
                "note": self.cleaned_data.get(f"{item.key}-note", ""),
            }
            for item in ACCOUNT_STEPS
        }

    @staticmethod
    def initial_from(answers: dict) -> dict:
        initial = {}
        for item in ACCOUNT_STEPS:
            saved = answers.get(item.key, {})
            initial[f"{item.key}-done"] = saved.get("done", False)
            initial[f"{item.key}-note"] = saved.get("note", "")
        return initial
