from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community.markup import tidy
from community.models import Flag, Member, WatchedWord

# Never autofilled, never sent to a remote spellchecker (see vault/forms.py).
QUIET = {"autocomplete": "off", "spellcheck": "false"}
BODY_MAX = 5000
REMINDER_MAX = 280


class QuietForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput | forms.Textarea):
                field.widget.attrs.update(QUIET)


def text(label, max_length, *, rows=0, required=True, help_text="", too_long=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        strip=True,
        error_messages={
            "required": _("Please write something here first."),
            "max_length": too_long
            or _("That's a little long: please keep it to %(limit_value)d characters."),
        },
    )


class JoinForm(QuietForm):
    name = text(
        _("Your community name"),
        24,
        help_text=_("Others see this name. Please don't use your real name or your sign-in name."),
    )
    understood = forms.BooleanField(
        label=_("I understand that what I post here is shared with other members."),
        error_messages={"required": _("Please tick this box when you're ready to go on.")},
    )


class NameForm(QuietForm):
    name = text(_("Your new community name"), 24)


class Checked(QuietForm):
    """A post's text, with the two "I've read the note" marks the checks ask for."""

    content_warning = text(
        _("Content note (optional)"),
        80,
        required=False,
        help_text=_(
            "If your post talks about something hard, a short note folds it, so others "
            "can choose when to read it."
        ),
    )
    seen_personal = forms.BooleanField(required=False, widget=forms.HiddenInput)
    seen_crisis = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ThreadForm(Checked):
    title = text(_("Title"), 120)
    body = text(_("Your post"), BODY_MAX, rows=8)
    field_order = ["title", "body", "content_warning"]


class ReminderForm(Checked):
    body = text(
        _("Your reminder"),
        REMINDER_MAX,
        rows=3,
        too_long=_("Reminders are short: please keep it to %(limit_value)d characters."),
    )
    field_order = ["body", "content_warning"]


class ReplyForm(Checked):
    body = text(_("Your reply"), BODY_MAX, rows=6)
    quote = forms.UUIDField(required=False, widget=forms.HiddenInput)
    field_order = ["body", "content_warning"]


class FlagForm(QuietForm):
    reason = forms.ChoiceField(
        label=_("What's wrong with it?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the closest reason.")},
    )
    note = text(_("Anything a moderator should know (optional)"), 300, rows=3, required=False)


class AppealForm(QuietForm):
    text = text(_("What would you like the moderators to know?"), 2000, rows=6)


class ReviewForm(QuietForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Publish it")), ("remove", _("Remove it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose publish or remove.")},
    )
    reason = text(_("Reason (kept in the log)"), 300)


class SuspendForm(QuietForm):
    reason = text(_("Reason (the member sees it)"), 300)
    days = forms.IntegerField(
        label=_("For how many days"),
        min_value=1,
        max_value=365,
        initial=7,
        error_messages={"invalid": _("Please give a number of days from 1 to 365.")},
    )


class AnswerForm(QuietForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("lift", _("Lift the suspension")), ("keep", _("Keep it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose lift or keep.")},
    )
    reason = text(_("Your answer (the member sees it)"), 300)


class WordForm(QuietForm):
    word = text(_("Word or phrase"), 60)
    action = forms.ChoiceField(label=_("When a post has it"), choices=WatchedWord.Action.choices)

    def clean_word(self):
        word = tidy(self.cleaned_data["word"])
        if len(word.strip()) < 2:
            raise forms.ValidationError(_("Please give at least two characters."))
        return word


class RoleForm(QuietForm):
    name = text(_("Community name"), 24)
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices)
    reason = text(_("Reason (kept in the log)"), 300)


class SlowForm(QuietForm):
    seconds = forms.TypedChoiceField(
        label=_("Slow mode"),
        coerce=int,
        choices=[
            (0, _("Off")),
            (60, _("One post a minute each")),
            (600, _("One post every ten minutes each")),
            (3600, _("One post an hour each")),
        ],
    )
    locked = forms.BooleanField(label=_("Close the thread to new replies"), required=False)
    reason = text(_("Reason (kept in the log)"), 300)


class SearchForm(QuietForm):
    q = text(_("Search the community"), 100)
