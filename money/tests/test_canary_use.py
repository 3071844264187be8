import pytest

from money.models import MoneyPlan
from money.tests import canary_use

pytestmark = pytest.mark.django_db


def test_the_canary_walk_fills_every_money_section_and_keeps_it_sealed(owner_client):
    canary_use.use_everything(owner_client, "CANARYMONEY9")
    pages = "".join(
        owner_client.get(url).content.decode()
        for url in (
            "/money/budget/",
            "/money/emergency-fund/",
            "/money/paperwork/",
            "/money/separate-account/",
        )
    )
    for expected in (
        "CANARYMONEY9 pay",
        'value="CANARYMONEY9"',
        "CANARYMONEY9 first",
        "CANARYMONEY9 tax",
        "CANARYMONEY9 legal-advice",
    ):
        assert expected in pages
    plan = MoneyPlan.objects.get()
    for section in ("budget", "fund", "papers", "steps"):
        assert bytes(getattr(plan, section))
        assert b"CANARYMONEY9" not in bytes(getattr(plan, section))
