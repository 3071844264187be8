import pytest

from scripts.models import MyScript
from scripts.tests.test_builder import PARTS

pytestmark = pytest.mark.django_db


def make_builder_script(client, **extra):
    client.post("/scripts/builder/", {"action": "save", **PARTS, **extra})
    return MyScript.objects.latest("created_at")


def test_a_builder_script_can_be_changed(owner_client):
    script = make_builder_script(owner_client, title="first")
    page = owner_client.get(f"/scripts/mine/{script.pk}/edit/").content.decode()
    assert "Change your script" in page
    assert "\non edge</textarea>" in page
    response = owner_client.post(
        f"/scripts/mine/{script.pk}/edit/", {"action": "save", **{**PARTS, "feel": "shaky"}}
    )
    assert response.status_code == 302
    body = owner_client.get("/scripts/mine/").content.decode()
    assert '<span data-part="feel">shaky</span>' in body
    assert MyScript.objects.count() == 1


def test_a_mistake_while_changing_keeps_the_new_words(owner_client):
    script = make_builder_script(owner_client)
    response = owner_client.post(
        f"/scripts/mine/{script.pk}/edit/",
        {"action": "save", **{**PARTS, "feel": "", "when": "new words here"}},
    )
    body = response.content.decode()
    assert "This part is still empty" in body
    assert "\nnew words here</textarea>" in body


def test_saving_a_copy_of_a_library_script_lets_me_make_it_mine(owner_client, loaded_library):
    response = owner_client.post("/scripts/library/no-does-not-work-for-me/save/")
    copy = MyScript.objects.get()
    assert response["Location"] == f"/scripts/mine/{copy.pk}/edit/"
    page = owner_client.get(response["Location"]).content.decode()
    assert "A copy is in your scripts." in page
    assert "That doesn&#x27;t work for me.</textarea>" in page
    owner_client.post(
        f"/scripts/mine/{copy.pk}/edit/",
        {"title": "My no", "situation": "saying-no", "text": "That won't work for me, Sam."},
    )
    body = owner_client.get("/scripts/mine/").content.decode()
    assert "That won&#x27;t work for me, Sam." in body
    assert "My no" in body
    assert b"Sam" not in bytes(MyScript.objects.get().content)


def test_an_empty_copy_is_refused_kindly(owner_client, loaded_library):
    owner_client.post("/scripts/library/no-does-not-work-for-me/save/")
    copy = MyScript.objects.get()
    response = owner_client.post(
        f"/scripts/mine/{copy.pk}/edit/", {"title": "still here", "text": " "}
    )
    body = response.content.decode()
    assert "There are no words here yet." in body
    assert 'value="still here"' in body


def test_saving_a_copy_of_a_script_that_does_not_exist_is_not_found(owner_client):
    assert owner_client.post("/scripts/library/not-a-script/save/").status_code == 404


def test_my_scripts_have_a_copy_button(owner_client):
    script = make_builder_script(owner_client)
    body = owner_client.get("/scripts/mine/").content.decode()
    assert f'data-copy-target="words-{script.pk}"' in body
    assert f'<blockquote class="script-words" id="words-{script.pk}">' in body


def test_removing_asks_first_and_then_removes(owner_client):
    script = make_builder_script(owner_client)
    confirm = owner_client.get(f"/scripts/mine/{script.pk}/delete/")
    assert "Remove this script?" in confirm.content.decode()
    assert "read my messages" in confirm.content.decode()
    assert MyScript.objects.count() == 1
    owner_client.post(f"/scripts/mine/{script.pk}/delete/")
    assert MyScript.objects.count() == 0


def test_another_member_cannot_reach_my_scripts(owner_client, other_client):
    script = make_builder_script(owner_client)
    for url in (f"/scripts/mine/{script.pk}/edit/", f"/scripts/mine/{script.pk}/delete/"):
        assert other_client.get(url).status_code == 404
        assert other_client.post(url, {"action": "save", **PARTS}).status_code == 404
    assert "read my messages" not in other_client.get("/scripts/mine/").content.decode()
    assert MyScript.objects.count() == 1
