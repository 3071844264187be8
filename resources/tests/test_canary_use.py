from pytest_django.asserts import assertContains

from resources.tests.canary_use import use_everything


def test_using_the_help_pages_stores_nothing_about_the_person(owner_client):
    from resources.models import Country, HelpLine

    before = (Country.objects.count(), HelpLine.objects.count())
    use_everything(owner_client, "CANARY-RESOURCES-0001")
    assert owner_client.cookies["hv_cc"].value == "NZ"
    assertContains(owner_client.get("/help/"), "Call for help in New Zealand")
    assert (Country.objects.count(), HelpLine.objects.count()) == before
