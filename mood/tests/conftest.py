import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from vault.box import Box


@pytest.fixture
def space(owner_dek):
    """The owner, their open vault, and their signed-in client."""
    owner, dek = owner_dek
    return owner, Box(dek), signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
