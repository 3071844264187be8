"""Two deposits into the emergency fund at the same moment: both must land.

The fund is one sealed document, so a deposit reads it, adds a line and
writes it back. On PostgreSQL, two deposits at once (two tabs, a double tap
on a slow phone) would each read the same document and the later write
would erase the earlier deposit, unless the plan's row is locked before it
is read. This runs in a process of its own against a PostgreSQL database of
its own, with two threads (two connections) depositing together.
"""

import json

from core.tests.processes import django_python, haven_env, manage, postgres_database


def test_two_deposits_at_the_same_moment_both_land(tmp_path):
    with postgres_database("deposits") as url:
        env = haven_env(url, tmp_path)
        manage(env, "migrate", "-v", "0")
        printed = django_python(env, "from money.tests.test_fund_race import race\nrace()")
    result = json.loads(printed.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["second_waited"], "the second deposit never had to wait for the first"
    assert sorted(result["amounts"]) == ["1.00", "10.00", "5.00"]


def race() -> None:
    """Runs in the subprocess: a member, one deposit, then two more at once."""
    import threading
    import time
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction

    from accounts import actions as account_actions
    from money import actions
    from money.amounts import to_text
    from vault.box import Box

    member, dek, _code = account_actions.create_account("racer", "lantern orchard velvet tue")
    box = Box(dek)
    actions.add_deposit(member, box, date(2025, 3, 1), Decimal("1.00"), "first")
    first_wrote = threading.Event()
    errors: list[str] = []
    second_waited: list[bool] = []

    def someone_waits_for_a_lock() -> bool:
        with connection.cursor() as cursor:
            # Activity is read once per transaction unless the snapshot is dropped.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return cursor.fetchone()[0] > 0

    def first() -> None:
        try:
            with transaction.atomic():
                actions.add_deposit(member, box, date(2025, 3, 2), Decimal("10.00"), "")
                first_wrote.set()
                # Commit only once the second deposit is stuck behind this one.
                deadline = time.monotonic() + 20
                while not someone_waits_for_a_lock() and time.monotonic() < deadline:
                    time.sleep(0.02)
                second_waited.append(someone_waits_for_a_lock())
        except Exception as error:
            errors.append(repr(error))
        finally:
            first_wrote.set()
            connection.close()

    def second() -> None:
        first_wrote.wait(30)
        try:
            actions.add_deposit(member, box, date(2025, 3, 3), Decimal("5.00"), "")
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    fund = actions.Fund.from_data(actions.open_section(member, box, "fund"))
    amounts = [to_text(deposit["amount"]) for deposit in fund.deposits]
    print(json.dumps({"amounts": amounts, "errors": errors, "second_waited": all(second_waited)}))
