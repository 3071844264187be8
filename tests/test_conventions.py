"""Rules about private data that stay true as the project grows.

Each rule is a small function run over the whole project, with an allow-list
where an exception is deliberate (and says why), and is shown to fail on a
small bad example, so a rule that can no longer catch anything is noticed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.forms import modelform_factory
from django.test.utils import isolate_apps

from core.features import project_apps
from vault.records import PrivateRecord, SealedField, SealedJSONField, sealed_fields

# ---- (a) No bare BinaryField ----------------------------------------------

BARE_BINARY_ALLOWED = {
    # Key material, not private values: salts and verifiers are inputs to and
    # outputs of the key derivation, and the wrapped keys are sealed by
    # vault.keyring under passphrase-derived keys, never by a member's Box.
    f"vault.Keyring.{name}": "key material handled only by vault.keyring"
    for name in (
        "salt",
        "verifier",
        "wrapped_dek",
        "recovery_wrapped_dek",
        "duress_verifier",
        "duress_wrapped_dek",
        "decoy_dek_under_dek",
    )
}


def bare_binary_fields(model_classes: Iterable[type[models.Model]]) -> list[str]:
    """Bytes columns that are not marked as sealed (so no test would know to check them)."""
    return [
        f"{model._meta.label}.{field.name}"
        for model in model_classes
        for field in model._meta.get_fields()
        if isinstance(field, models.BinaryField) and not isinstance(field, SealedField)
    ]


# ---- (b) No `.objects.get(` on private models in views -----------------------

# (view module, model) pairs that may, each with its reason. Empty today: the
# second step of sign-in now loads the account through accounts.spaces.
OBJECTS_GET_ALLOWED: dict[tuple[str, str], str] = {}


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted path, from the module's imports."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
    return names


def _dotted(node: ast.expr, imported: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return imported.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, imported)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
        # get_user_model().objects.get(...) is the user model.
        if _dotted(node.func, imported) == "django.contrib.auth.get_user_model":
            app_label, name = settings.AUTH_USER_MODEL.split(".")
            return f"{app_label}.models.{name}"
    return None


def objects_get_on_private_models(source: str, private: set[str]) -> list[tuple[int, str]]:
    """(line, model) for each `Model.objects.get(` where Model has sealed fields.

    `private` holds dotted paths such as "plan.models.Reason".
    """
    tree = ast.parse(source)
    imported = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        manager = node.func.value
        if node.func.attr != "get" or not isinstance(manager, ast.Attribute):
            continue
        if manager.attr != "objects":
            continue
        model = _dotted(manager.value, imported)
        if model in private:
            found.append((node.lineno, model))
    return found


def view_modules() -> list[Path]:
    root = Path(settings.BASE_DIR)
    paths = []
    for app in project_apps():
        for path in Path(app.path).rglob("*.py"):
            parts = path.relative_to(root).parts
            if "migrations" in parts or "tests" in parts:
                continue
            if path.name == "views.py" or path.stem.endswith("_views") or "views" in parts[:-1]:
                paths.append(path)
    return sorted(paths)


def private_model_paths() -> set[str]:
    return {
        f"{model.__module__}.{model.__name__}"
        for app in project_apps()
        for model in app.get_models()
        if sealed_fields(model)
    }


# ---- (c) Private models stand on the base --------------------------------

NOT_ON_THE_BASE_ALLOWED = {
    # A scratch copy of a form while the person types, found by (owner, form
    # name), never by an id in a URL, and gone once the form is saved.
    "vault.Draft": "an autosaved form, fetched by owner and form name",
    # The account itself: its one sealed column is the two-step secret.
    "accounts.User": "the account; Django's user model has its own base",
    # Someone who may have no account: the address is sealed with the server
    # key and found by a keyed hash or a signed link, never by an owner.
    "newsletter.Subscriber": "a newsletter address, held for people without accounts",
}


def private_models_off_the_base(model_classes: Iterable[type[models.Model]]) -> list[str]:
    return [
        model._meta.label
        for model in model_classes
        if sealed_fields(model) and not issubclass(model, PrivateRecord)
    ]


def private_models_with_their_own_str(model_classes: Iterable[type[models.Model]]) -> list[str]:
    """A private record's name must come from the base, which shows no content."""
    return [
        model._meta.label
        for model in model_classes
        if issubclass(model, PrivateRecord) and model.__str__ is not PrivateRecord.__str__
    ]


# ---- (d) The admin shows no sealed column -------------------------------------

ADMIN_OPTIONS = (
    "list_display",
    "list_display_links",
    "list_filter",
    "list_editable",
    "search_fields",
    "readonly_fields",
    "fields",
    "sortable_by",
)


def _names(value) -> set[str]:
    names = set()
    for item in value or ():
        if isinstance(item, str):
            names.add(item.lstrip("^=@-").split("__")[0])
        elif isinstance(item, list | tuple):
            names |= _names(item)
    return names


def sealed_fields_in_admin(model_admin: admin.ModelAdmin) -> list[str]:
    sealed = {field.name for field in sealed_fields(model_admin.model)}
    if not sealed:
        return []
    shown = set()
    for option in ADMIN_OPTIONS:
        shown |= _names(getattr(model_admin, option, None))
    for _title, options in getattr(model_admin, "fieldsets", None) or ():
        shown |= _names(options.get("fields"))
    form = getattr(model_admin, "form", None)
    shown |= set(getattr(form, "base_fields", {}))
    return sorted(f"{model_admin.model._meta.label}.{name}" for name in shown & sealed)


# ---- The rules, run over the project ----------------------------------------


def project_models() -> list[type[models.Model]]:
    return [model for app in project_apps() for model in app.get_models()]


def test_no_model_keeps_bytes_in_a_column_not_marked_as_sealed():
    found = [
        name for name in bare_binary_fields(project_models()) if name not in BARE_BINARY_ALLOWED
    ]
    assert found == [], "use vault.records.SealedField for private bytes"


def test_the_bare_bytes_allow_list_names_real_columns():
    assert set(BARE_BINARY_ALLOWED) <= set(bare_binary_fields(project_models()))


def test_no_view_fetches_a_private_model_with_objects_get():
    private = private_model_paths()
    assert "plan.models.Reason" in private  # the rule sees the models it guards
    root = Path(settings.BASE_DIR)
    found, allowed = [], set()
    for path in view_modules():
        relative = path.relative_to(root).as_posix()
        for line, model in objects_get_on_private_models(path.read_text(), private):
            if (relative, model) in OBJECTS_GET_ALLOWED:
                allowed.add((relative, model))
            else:
                found.append(f"{relative}:{line} {model}.objects.get(")
    assert found == [], "fetch private rows with Model.objects.get_for_user(request, pk)"
    assert allowed == set(OBJECTS_GET_ALLOWED)


def test_the_view_rule_reads_every_view_module():
    names = {path.relative_to(settings.BASE_DIR).as_posix() for path in view_modules()}
    assert {"plan/views.py", "assess/reconcile_views.py", "accounts/views.py"} <= names


def test_every_private_model_stands_on_the_private_record_base():
    found = private_models_off_the_base(project_models())
    assert [label for label in found if label not in NOT_ON_THE_BASE_ALLOWED] == [], (
        "inherit vault.records.PrivateRecord or PrivateDocument"
    )
    assert set(NOT_ON_THE_BASE_ALLOWED) <= set(found)


def test_no_private_record_names_itself_with_its_content():
    assert private_models_with_their_own_str(project_models()) == []


def test_the_admin_shows_no_sealed_column():
    assert admin.site._registry, "the admin registry is empty: the rule would check nothing"
    found = [name for ma in admin.site._registry.values() for name in sealed_fields_in_admin(ma)]
    assert found == []


# ---- Each rule catches a small bad example ----------------------------------


@pytest.fixture
def example_apps():
    with isolate_apps("tests") as apps:
        yield apps


def test_the_bytes_rule_catches_a_bare_binary_field(example_apps):
    class Diary(models.Model):  # noqa: DJ008 (an example, never shown)
        entry = models.BinaryField()
        sealed_entry = SealedField()
        document = SealedJSONField()

        class Meta:
            app_label = "tests"

    assert bare_binary_fields([Diary]) == ["tests.Diary.entry"]


BAD_VIEW = """
from django.contrib.auth import get_user_model
from plan import models as plan_models
from plan.models import Reason
from scripts.models import Script

def show(request, reason_id):
    reason = Reason.objects.get(pk=reason_id, owner=request.user)
    other = plan_models.Reason.objects.get(pk=reason_id)
    account = get_user_model().objects.get(pk=request.user.pk)
    script = Script.objects.get(slug="public")
    fine = Reason.objects.get_for_user(request, reason_id)
    return reason, other, account, script, fine
"""


def test_the_view_rule_catches_objects_get_on_a_private_model():
    private = {"plan.models.Reason", "accounts.models.User"}
    assert objects_get_on_private_models(BAD_VIEW, private) == [
        (8, "plan.models.Reason"),
        (9, "plan.models.Reason"),
        (10, "accounts.models.User"),
    ]


def test_the_base_rule_catches_a_private_model_off_the_base(example_apps):
    class Journal(models.Model):  # noqa: DJ008 (an example, never shown)
        text = SealedField()

        class Meta:
            app_label = "tests"

    class Public(models.Model):  # noqa: DJ008 (an example, never shown)
        title = models.CharField(max_length=20)

        class Meta:
            app_label = "tests"

    assert private_models_off_the_base([Journal, Public]) == ["tests.Journal"]


def test_the_name_rule_catches_a_private_record_that_shows_its_content(example_apps):
    class Letter(PrivateRecord):
        owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        text = SealedField()
        kind = models.CharField(max_length=20)

        class Meta:
            app_label = "tests"

        def __str__(self) -> str:
            return f"letter about {self.kind}"

    class Note(PrivateRecord):
        owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        text = SealedField()

        class Meta:
            app_label = "tests"

    assert private_models_with_their_own_str([Letter, Note]) == ["tests.Letter"]


def test_the_admin_rule_catches_a_sealed_column_on_show(example_apps):
    class Entry(models.Model):  # noqa: DJ008 (an example, never shown)
        title = models.CharField(max_length=20)
        text = SealedField()
        notes = SealedJSONField(editable=True)

        class Meta:
            app_label = "tests"

    class ListsIt(admin.ModelAdmin):
        list_display = ("title", "text")

    class SearchesIt(admin.ModelAdmin):
        search_fields = ("^title", "=text")

    class FieldsetIt(admin.ModelAdmin):
        fieldsets = ((None, {"fields": (("title", "text"),)}),)

    class EditsIt(admin.ModelAdmin):
        # An editable sealed column would reach the form through "__all__".
        form = modelform_factory(Entry, fields="__all__")

    class Careful(admin.ModelAdmin):
        list_display = ("title",)
        search_fields = ("title",)
        form = modelform_factory(Entry, fields=["title"])

    site = admin.AdminSite()
    showing = (ListsIt, SearchesIt, FieldsetIt)
    shown = {option: sealed_fields_in_admin(option(Entry, site)) for option in showing}
    assert shown == {option: ["tests.Entry.text"] for option in showing}
    assert sealed_fields_in_admin(EditsIt(Entry, site)) == ["tests.Entry.notes"]
    assert sealed_fields_in_admin(Careful(Entry, site)) == []
