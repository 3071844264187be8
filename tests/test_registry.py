"""Every feature declares itself, and what it declares is true.

A feature app that forgets its feature.py, or a private model no feature
lists, would silently drop out of the dashboard, the deletion, the export and
the canary test. These checks make forgetting fail loudly.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db.models import BinaryField
from django.template.loader import get_template
from django.test import Client
from django.urls import resolve

from core import features
from vault.records import all_sealed_fields

# Apps that carry the product rather than being a feature of it.
NOT_FEATURES = {"core", "vault", "accounts", "dashboard"}

# Sealed data of people who may have no account, sealed with the server key
# and reached by signed links, not through a member's space (so not in a
# member's export, deletion or access walk). Each says where it is covered.
SERVER_HELD = {
    "newsletter.Subscriber": "an address; export, deletion and links: newsletter/tests",
}


def apps_without_feature(app_configs, declared) -> list[str]:
    return sorted(app.label for app in app_configs if app.label not in NOT_FEATURES | set(declared))


def sealed_models(models, feature_labels) -> set[str]:
    """Models holding sealed values: a sealed field, or (until every app's
    columns are converted) a bare BinaryField in a feature app."""
    found = {model._meta.label for model, _field in all_sealed_fields() if model in models}
    for model in models:
        if model._meta.app_label in feature_labels and any(
            isinstance(field, BinaryField) for field in model._meta.concrete_fields
        ):
            found.add(model._meta.label)
    return found


def unlisted_private_models(models, registry) -> list[str]:
    feature_labels = {feature.app for feature in registry}
    listed = {label for feature in registry for label in feature.models}
    infrastructure = {m._meta.label for m in models if m._meta.app_label in NOT_FEATURES}
    held = set(SERVER_HELD)
    return sorted(sealed_models(models, feature_labels) - listed - infrastructure - held)


def test_every_project_app_but_the_carriers_declares_a_feature():
    declared = [feature.app for feature in features.all_features()]
    assert apps_without_feature(features.project_apps(), declared) == []
    assert len(declared) >= 6


def test_the_missing_feature_check_names_an_app_without_feature_py():
    project = [SimpleNamespace(label=label) for label in ("core", "plan", "journal")]
    assert apps_without_feature(project, ["plan"]) == ["journal"]


def test_every_model_holding_sealed_values_is_listed_by_its_feature():
    models = apps.get_models()
    assert unlisted_private_models(models, features.all_features()) == []
    # The check looks at something: the features' private models are found.
    feature_labels = {feature.app for feature in features.all_features()}
    assert {"plan.Reason", "money.MoneyPlan"} <= sealed_models(models, feature_labels)


def test_the_unlisted_model_check_names_a_private_model_no_feature_lists():
    registry = [
        features.Feature(app=f.app, models=[m for m in f.models if m != "plan.Reason"])
        for f in features.all_features()
    ]
    assert unlisted_private_models(apps.get_models(), registry) == ["plan.Reason"]


def test_each_declared_model_is_a_model_with_an_owner():
    for model in features.owned_models():
        owner = model._meta.get_field("owner")
        assert owner.related_model is apps.get_model("accounts.User"), model


def test_every_feature_keeping_private_data_names_its_canary_use_and_export():
    for feature in features.all_features():
        if feature.models:
            assert feature.canary, f"{feature.app} keeps private data but has no canary use"
            assert feature.export == f"{feature.app}.exports", feature.app


def test_the_modules_a_feature_names_have_what_the_contract_asks():
    # `export` and `content` modules are wired up separately (see core/features.py).
    wanted = {"canary": "use_everything", "demo": "seed", "decoy": "seed_decoy"}
    for kind, function in wanted.items():
        for feature, module in features.with_module(kind):
            assert callable(getattr(module, function, None)), f"{feature.app}: {kind}.{function}"


def test_cards_name_a_template_and_a_context_function_that_exist():
    cards = features.cards()
    assert cards
    for card in cards:
        get_template(card.template)
        assert card.context is None or callable(features.resolve(card.context)), card
    assert [card.order for card in cards] == sorted(card.order for card in cards)


def test_nav_entries_and_tool_links_lead_to_their_feature(db):
    entries = features.nav_entries(private=True)
    links = [link for tool in features.tools() for link in tool.links]
    assert entries and links
    for entry in entries:
        assert resolve(entry.url).namespace == entry.namespace, entry
    for link in links:
        assert resolve(link.url).view_name == link.url_name, link


def test_declared_private_pages_send_a_stranger_to_sign_in_and_public_ones_open(db):
    stranger = Client()
    for feature in features.all_features():
        for page in feature.private_pages:
            response = stranger.get(features.page_url(page))
            assert response.status_code == 302, page
            assert response["Location"].startswith("/sign-in/"), page
        for page in feature.public_pages:
            assert stranger.get(features.page_url(page)).status_code == 200, page


KEYS = {
    "nav": lambda entry: entry.url_name,
    "cards": lambda card: card.template,
    "tools": lambda tool: tuple(link.url_name for link in tool.links),
    "models": lambda label: label,
    "private_pages": features.page_url,
    "public_pages": features.page_url,
}


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_no_two_declarations_are_the_same(kind):
    keys = [KEYS[kind](item) for f in features.all_features() for item in getattr(f, kind)]
    assert keys, kind
    assert len(keys) == len(set(keys)), kind
