"""Small helpers for the assess tests: answers a person might give."""

from assess import content

SAFE = {"hurt": "no", "threatened": "no", "afraid": "no"}


def patterns(default="never", **chosen):
    answers = {key: default for key in content.PATTERN_KEYS}
    answers.update(chosen)
    return answers


def step_two(relationship="partner", safety=None, substances="", **answers):
    data = {"step": "patterns", "relationship": relationship, **(safety or SAFE)}
    data.update(answers)
    if substances:
        data["substances"] = substances
    return data


def take_check(client, relationship="partner", default="never", substances="", **chosen):
    """The full check through HTTP: step one, then the nine questions."""
    first = client.post(
        "/check/relationship/", {"step": "safety", "relationship": relationship, **SAFE}
    )
    assert first.status_code == 200
    return client.post(
        "/check/relationship/",
        step_two(relationship, substances=substances, **patterns(default, **chosen)),
    )


def save_check(client, relationship="partner", default="never", **chosen):
    return client.post(
        "/check/relationship/save/",
        {"relationship": relationship, **SAFE, **patterns(default, **chosen)},
    )


def danger_answers(default="no", **chosen):
    answers = {key: default for key in content.DANGER_KEYS}
    answers.update(chosen)
    return answers
