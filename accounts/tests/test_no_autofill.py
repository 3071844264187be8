import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/sign-in/", "/start/", "/recover/"])
def test_the_browser_is_asked_not_to_remember_names_or_passphrases(path):
    """On a shared device a remembered passphrase would open the space to anyone."""
    page = Client().get(path).content.decode()
    inputs = re.findall(r"<input[^>]+>", page)
    private = [tag for tag in inputs if 'type="password"' in tag or 'name="username"' in tag]
    assert private
    for tag in private:
        assert 'autocomplete="off"' in tag, tag
