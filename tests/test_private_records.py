"""Every private record is found only by its owner, and named without its content."""

import uuid

import pytest
from django.db import models
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from core.features import project_apps
from vault.records import PrivateRecord

pytestmark = pytest.mark.django_db


def private_record_models():
    return [
        model
        for app in project_apps()
        for model in app.get_models()
        if issubclass(model, PrivateRecord)
    ]


def test_the_private_models_are_all_on_the_base():
    labels = {model._meta.label for model in private_record_models()}
    assert {
        "plan.Reason",
        "plan.SafetyPlan",
        "plan.ExitPlan",
        "assess.SavedCheck",
        "assess.Observation",
        "assess.Step",
        "assess.Conditions",
        "scripts.MyScript",
        "money.MoneyPlan",
    } <= labels


def bare_row(model, owner):
    """A row of `model` owned by `owner`, with the least its columns require:
    a parent row of its own for a link to another private model (a version's
    incident), a number or a time where a column can't be empty."""
    values = {"owner": owner}
    for field in model._meta.concrete_fields:
        if field.name in values or field.null or field.has_default() or field.primary_key:
            continue
        if field.is_relation and issubclass(field.related_model, PrivateRecord):
            values[field.name] = bare_row(field.related_model, owner)
        elif isinstance(field, models.DateTimeField) and not field.auto_now:
            values[field.name] = timezone.now()
        elif isinstance(field, models.IntegerField):
            values[field.name] = 1
    return model.objects.create(**values)


@pytest.fixture
def rows(owner):
    """One row of every private model, owned by the owner."""
    return [bare_row(model, owner) for model in private_record_models()]


def request_from(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_owner_gets_their_own_row(owner, rows):
    for row in rows:
        found = type(row).objects.get_for_user(request_from(owner), row.pk)
        assert found == row
        assert type(row).objects.get_for_user(owner, str(row.pk)) == row


def test_another_member_is_told_nothing_exists(other_member, rows):
    for row in rows:
        with pytest.raises(Http404):
            type(row).objects.get_for_user(request_from(other_member), row.pk)


def test_a_made_up_or_malformed_id_is_simply_not_found(owner, rows):
    for row in rows:
        for wrong in (uuid.uuid4(), "not-an-id", "", "1"):
            with pytest.raises(Http404):
                type(row).objects.get_for_user(request_from(owner), wrong)


def test_only_the_owners_rows_are_listed(owner, other_member, rows):
    for row in rows:
        # (A version or a file brings its incident along: also the owner's.)
        assert row in type(row).objects.owned_by(owner)
        assert list(type(row).objects.owned_by(request_from(other_member))) == []


def test_a_row_is_named_by_its_kind_and_id_only(rows):
    for row in rows:
        # What an operator's screen or an error report would show.
        assert str(row) == f"{row._meta.verbose_name} {row.pk}"
