import pytest
from django.core.management import call_command


@pytest.fixture
def guide(db):
    """The real guide, loaded from guide/content/ the way bin/run loads it."""
    call_command("load_guide", verbosity=0)
    from guide.models import Section

    return Section.objects.all()
